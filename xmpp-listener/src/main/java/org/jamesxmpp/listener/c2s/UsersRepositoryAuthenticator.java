package org.jamesxmpp.listener.c2s;

import java.util.concurrent.CompletionStage;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.jamesxmpp.core.c2s.ClientAuthenticator;
import org.jamesxmpp.listener.configuration.C2sConfiguration;
import org.jxmpp.jid.EntityBareJid;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The password of James's users repository, as IMAP and SMTP check it ({@code UsersRepository.test}); the check
 * (a blocking, deliberately slow hash) runs on a bounded scheduler of its own ({@code c2s/limits/authenticationThreads},
 * {@code c2s/limits/maxQueuedAuthentications} of xmpp.xml).
 */
public class UsersRepositoryAuthenticator implements ClientAuthenticator {
    private final UsersRepository usersRepository;
    private final Scheduler scheduler;

    @Inject
    public UsersRepositoryAuthenticator(UsersRepository usersRepository, C2sConfiguration configuration) {
        this.usersRepository = usersRepository;
        this.scheduler = Schedulers.newBoundedElastic(configuration.authenticators().threads(),
            configuration.authenticators().maxQueued(), "xmpp-c2s-auth");
    }

    @Override
    public CompletionStage<Boolean> authenticate(EntityBareJid user, String password) {
        return Mono.fromCallable(() -> usersRepository.test(username(user), password))
            .subscribeOn(scheduler)
            .toFuture();
    }

    private Username username(EntityBareJid user) throws Exception {
        return usersRepository.getUsername(new MailAddress(user.toString()));
    }

    @PreDestroy
    public void dispose() {
        scheduler.dispose();
    }
}
