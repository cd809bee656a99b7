package org.jamesxmpp.listener.inbound;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Keeps, of a stanza's recipients, the users this James serves: never a relay to anyone else. */
public class LocalRecipients {
    private final UsersRepository usersRepository;

    @Inject
    public LocalRecipients(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    public Mono<List<MailAddress>> existing(List<? extends MailAddress> recipients) {
        return Flux.fromIterable(recipients)
            .distinct()
            .<MailAddress>map(recipient -> recipient)
            .filterWhen(recipient -> Mono.from(usersRepository.containsReactive(Username.fromMailAddress(recipient))))
            .collectList();
    }
}
