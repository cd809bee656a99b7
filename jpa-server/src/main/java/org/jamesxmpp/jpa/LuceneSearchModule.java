package org.jamesxmpp.jpa;

import java.io.File;
import java.io.IOException;

import org.apache.james.events.EventListener;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.mailbox.lucene.search.LuceneMessageSearchIndex;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.modules.mailbox.ReIndexingTaskSerializationModule;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * IMAP SEARCH on a Lucene index in {@value #INDEX_DIRECTORY} below the working directory (James's JPA server opens
 * the working directory itself), committed every few seconds ({@link LuceneIndexCommitter}). Lost or stale, it is
 * rebuilt with WebAdmin's re-indexing task.
 */
public class LuceneSearchModule extends AbstractModule {
    public static final String INDEX_DIRECTORY = "file://var/store/lucene";

    @Override
    protected void configure() {
        install(new ReIndexingTaskSerializationModule());

        bind(LuceneMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(LuceneIndexCommitter.class).in(Scopes.SINGLETON);
        bind(MessageSearchIndex.class).to(LuceneMessageSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(LuceneMessageSearchIndex.class);

        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding()
            .to(LuceneMessageSearchIndex.class);
    }

    @Provides
    @Singleton
    Directory indexDirectory(FileSystem fileSystem) throws IOException {
        File directory = fileSystem.getFile(INDEX_DIRECTORY);
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IOException("cannot create the search index directory " + directory);
        }
        return FSDirectory.open(directory);
    }

    @ProvidesIntoSet
    InitializationOperation startIndexCommitter(LuceneIndexCommitter committer) {
        return InitilizationOperationBuilder
            .forClass(LuceneIndexCommitter.class)
            .init(committer::start);
    }
}
