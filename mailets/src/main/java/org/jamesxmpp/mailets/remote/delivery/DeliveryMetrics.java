package org.jamesxmpp.mailets.remote.delivery;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

/** Counters of the outbound XMPP delivery, per recipient. */
public class DeliveryMetrics {
    public static final String SENT = "xmppRemoteDelivery.sent";
    public static final String RETRIED = "xmppRemoteDelivery.retried";
    public static final String BOUNCED = "xmppRemoteDelivery.bounced";
    public static final String FALLEN_BACK = "xmppRemoteDelivery.fallenBack";

    private final Metric sent;
    private final Metric retried;
    private final Metric bounced;
    private final Metric fallenBack;

    public DeliveryMetrics(MetricFactory metricFactory) {
        this.sent = metricFactory.generate(SENT);
        this.retried = metricFactory.generate(RETRIED);
        this.bounced = metricFactory.generate(BOUNCED);
        this.fallenBack = metricFactory.generate(FALLEN_BACK);
    }

    void sent(int recipients) {
        sent.add(recipients);
    }

    void retried(int recipients) {
        retried.add(recipients);
    }

    void bounced(int recipients) {
        bounced.add(recipients);
    }

    void fallenBack(int recipients) {
        fallenBack.add(recipients);
    }
}
