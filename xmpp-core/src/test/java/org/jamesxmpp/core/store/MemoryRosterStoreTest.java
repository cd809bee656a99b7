package org.jamesxmpp.core.store;

class MemoryRosterStoreTest implements RosterStoreContract {
    private final MemoryRosterStore testee = new MemoryRosterStore(MAX_ITEMS);

    @Override
    public RosterStore testee() {
        return testee;
    }
}
