package org.jamesxmpp.listener.c2s;

/**
 * The matching mails of one folder in archive order ({@link ArchiveKey}): how many, and the key of the n-th, which
 * may be read when asked for (a paged merge reads only a few).
 */
interface ArchiveSource {
    int size();

    ArchiveKey key(int index);
}
