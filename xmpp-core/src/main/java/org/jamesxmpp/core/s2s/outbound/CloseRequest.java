package org.jamesxmpp.core.s2s.outbound;

/**
 * A user event through the pipeline: whoever writes on an established stream asks its handler to end it, so that the
 * end still goes through the handler's one close path.
 *
 * @param immediately no closing handshake: the peer stopped answering
 */
record CloseRequest(TerminationCause cause, boolean immediately) {
}
