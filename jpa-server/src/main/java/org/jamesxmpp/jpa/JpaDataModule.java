package org.jamesxmpp.jpa;

import org.apache.james.CoreDataModule;

import com.google.inject.AbstractModule;

/** James's data (domains, users, recipient rewrites, mail repositories, sieve) in the JPA database. */
public class JpaDataModule extends AbstractModule {
    @Override
    protected void configure() {
        install(new CoreDataModule());
        install(new JpaDomainListModule());
        install(new JpaRecipientRewriteTableModule());
        install(new JpaUsersRepositoryModule());
        install(new JpaMailRepositoryModule());
        install(new JpaSieveModule());
    }
}
