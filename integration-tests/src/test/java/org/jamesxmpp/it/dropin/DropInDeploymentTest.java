package org.jamesxmpp.it.dropin;

import java.nio.file.Path;

/** The drop-in deployment into James's stock {@code MemoryJamesServerMain}: the conf as it is. */
class DropInDeploymentTest extends DropInDeploymentContract {
    DropInDeploymentTest() {
        super(StockJames.Flavour.MEMORY, "127.0.0.4", "127.0.0.2");
    }

    @Override
    void configureJames(Path conf) {
        // the shared conf is a memory server's
    }
}
