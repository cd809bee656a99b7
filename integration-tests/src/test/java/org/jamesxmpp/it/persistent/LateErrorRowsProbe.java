package org.jamesxmpp.it.persistent;

import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.apache.james.utils.GuiceProbe;
import org.jamesxmpp.guice.jpa.JpaLateErrorStore;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

/** How many acknowledged stanzas the persistent server keeps for late errors (rows of its table). */
public class LateErrorRowsProbe implements GuiceProbe {
    static final Module MODULE = binder -> Multibinder.newSetBinder(binder, GuiceProbe.class).addBinding()
        .to(LateErrorRowsProbe.class);

    private final EntityManagerFactory entityManagerFactory;

    @Inject
    LateErrorRowsProbe(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    long rows() {
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        try {
            return ((Number) entityManager.createNativeQuery("SELECT COUNT(*) FROM " + JpaLateErrorStore.TABLE)
                .getSingleResult()).longValue();
        } finally {
            entityManager.close();
        }
    }
}
