package org.jamesxmpp.core.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.SplittableRandom;

import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.jxmpp.util.XmppDateTime;

class XepDelayTest {
    private static final long YEAR_10000 = 253_402_300_800_000L;

    @Test
    void stampIsWhatJxmppFormatsForAnyMillisecondFromYearOneToYearNineThousandNineHundredNinetyNine() {
        SplittableRandom random = new SplittableRandom(17);
        long yearOne = -62_135_596_800_000L;
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(yearOne, YEAR_10000));
            assertThat(XepDelay.stamp(instant)).isEqualTo(XmppDateTime.formatXEP0082Date(Date.from(instant)));
        }
        for (long millis : new long[] {0, 1, 999, 1000, -1, 1_796_353_201_123L, YEAR_10000 - 1, yearOne}) {
            Instant instant = Instant.ofEpochMilli(millis);
            assertThat(XepDelay.stamp(instant)).isEqualTo(XmppDateTime.formatXEP0082Date(Date.from(instant)));
        }
    }

    @Test
    void writesTheElementSmacksDelayWrites() {
        Instant stamp = Instant.parse("2026-12-04T03:00:01.123Z");

        assertThat(new XepDelay(stamp, "a.test").toXML(XmlEnvironment.EMPTY).toString())
            .isEqualTo(new DelayInformation(Date.from(stamp), "a.test", null).toXML(XmlEnvironment.EMPTY).toString())
            .isEqualTo("<delay xmlns='urn:xmpp:delay' stamp='2026-12-04T03:00:01.123+00:00' from='a.test'/>");
        assertThat(new XepDelay(stamp).toXML(XmlEnvironment.EMPTY).toString())
            .isEqualTo(new DelayInformation(Date.from(stamp)).toXML(XmlEnvironment.EMPTY).toString());
    }
}
