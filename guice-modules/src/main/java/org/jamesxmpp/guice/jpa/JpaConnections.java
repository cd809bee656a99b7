package org.jamesxmpp.guice.jpa;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.openjpa.persistence.OpenJPAPersistence;

/**
 * Plain SQL on the JPA persistence unit's own connection, for the extension's tables (no entity to enhance): one
 * transaction per unit of work, the same on Derby and PostgreSQL.
 */
final class JpaConnections {
    /** SQLSTATE class of integrity constraint violations (a duplicate primary key). */
    static final String INTEGRITY_VIOLATION = "23";

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final EntityManagerFactory entityManagerFactory;
    private final String table;

    JpaConnections(EntityManagerFactory entityManagerFactory, String table) {
        this.entityManagerFactory = entityManagerFactory;
        this.table = table;
    }

    static boolean isIntegrityViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION);
    }

    /** Creates the table (and runs {@code more}, e.g. its indexes) when the database does not have it yet. */
    void createTableIfMissing(String columns, List<String> more) {
        inTransaction(connection -> {
            try (ResultSet upper = connection.getMetaData().getTables(null, null, table, null);
                 ResultSet lower = connection.getMetaData().getTables(null, null, table.toLowerCase(Locale.ROOT), null)) {
                if (upper.next() || lower.next()) {
                    return 0;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.executeUpdate("CREATE TABLE " + table + " (" + columns + ")");
                for (String statement : more) {
                    create.executeUpdate(statement);
                }
            }
            return 1;
        });
    }

    <T> T inTransaction(SqlWork<T> work) {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            entityManager.getTransaction().begin();
            Connection connection = (Connection) OpenJPAPersistence.cast(entityManager).getConnection();
            try {
                T result = work.run(connection);
                entityManager.getTransaction().commit();
                return result;
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("XMPP store (table " + table + "): " + e.getMessage(), e);
        } finally {
            if (entityManager.getTransaction().isActive()) {
                entityManager.getTransaction().rollback();
            }
            entityManager.close();
        }
    }
}
