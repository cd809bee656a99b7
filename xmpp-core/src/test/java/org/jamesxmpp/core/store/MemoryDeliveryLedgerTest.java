package org.jamesxmpp.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryDeliveryLedgerTest implements DeliveryLedgerContract {
    private final MemoryDeliveryLedger testee = new MemoryDeliveryLedger(3);

    @Override
    public DeliveryLedger testee() {
        return testee;
    }

    @Test
    void oldestKeyShouldGoBeyondTheBound() {
        for (int i = 0; i < 4; i++) {
            testee.recordAttempt("k" + i, FIRST.plusSeconds(i), WINDOW);
        }

        assertThat(testee.recordAttempt("k0", FIRST.plusSeconds(10), WINDOW)).isEmpty();
        assertThat(testee.recordAttempt("k3", FIRST.plusSeconds(10), WINDOW)).contains(FIRST.plusSeconds(3));
    }
}
