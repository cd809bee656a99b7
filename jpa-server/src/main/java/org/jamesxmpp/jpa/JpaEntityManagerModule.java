package org.jamesxmpp.jpa;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/**
 * One OpenJPA {@link EntityManagerFactory} for every JPA store (persistence unit {@value #PERSISTENCE_UNIT} in our
 * {@code META-INF/persistence.xml}), on the database {@code james-database.properties} names, its entities resolved at
 * start ({@link EntityMetadata}).
 */
public class JpaEntityManagerModule extends AbstractModule {
    public static final String PERSISTENCE_UNIT = "james-xmpp";

    @Provides
    @Singleton
    DatabaseConfiguration databaseConfiguration(PropertiesProvider propertiesProvider, JamesDirectoriesProvider directories)
            throws ConfigurationException {
        try {
            return DatabaseConfiguration.from(propertiesProvider.getConfiguration(DatabaseConfiguration.FILENAME),
                Path.of(directories.getRootDirectory()));
        } catch (FileNotFoundException e) {
            throw new ConfigurationException(DatabaseConfiguration.FILENAME + ".properties is missing", e);
        }
    }

    @Provides
    @Singleton
    EntityManagerFactory entityManagerFactory(DatabaseConfiguration configuration) {
        return EntityMetadata.resolvedAtStart(
            Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, configuration.entityManagerFactoryProperties()));
    }
}
