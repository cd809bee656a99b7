package org.jamesxmpp.guice;

import com.google.inject.Module;
import com.google.inject.util.Modules;

/** The XMPP extension's modules, for servers built with {@code combineWith} (the run command, tests). */
public interface XmppModules {
    Module ALL = Modules.combine(
        new XmppExtensionModule(),
        new XmppListenerModule());
}
