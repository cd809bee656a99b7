package org.jamesxmpp.core.s2s.codec;

/** The peer closed its stream ({@code </stream:stream>}). */
public enum StreamEnd {
    INSTANCE
}
