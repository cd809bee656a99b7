package org.jamesxmpp.listener.inbound;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.rrt.lib.MappingsImpl;
import org.apache.james.user.api.UsersRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps, of a stanza's recipients, the addresses this James delivers to, as its SMTP server accepts them: its users,
 * and the addresses its recipient rewrite table maps to someone (aliases, forwards, groups, domain aliases). Never
 * a relay to anyone else: the mail enters the spool as mail from a remote server, and the pipeline rewrites the
 * mapped addresses as it does for SMTP.
 */
public class LocalRecipients {
    private final UsersRepository usersRepository;
    private final RecipientRewriteTable recipientRewriteTable;

    @Inject
    public LocalRecipients(UsersRepository usersRepository, RecipientRewriteTable recipientRewriteTable) {
        this.usersRepository = usersRepository;
        this.recipientRewriteTable = recipientRewriteTable;
    }

    public Mono<List<MailAddress>> existing(List<? extends MailAddress> recipients) {
        return Flux.fromIterable(recipients)
            .distinct()
            .<MailAddress>map(recipient -> recipient)
            .filterWhen(this::isDeliverable)
            .collectList();
    }

    private Mono<Boolean> isDeliverable(MailAddress recipient) {
        return Mono.from(usersRepository.containsReactive(Username.fromMailAddress(recipient)))
            .flatMap(isUser -> isUser ? Mono.just(true) : isMapped(recipient));
    }

    // the rewrite table API is blocking (JPA, LDAP backends): off the caller's thread, which may be an event loop
    private Mono<Boolean> isMapped(MailAddress recipient) {
        return Mono.fromCallable(() -> mappings(recipient))
            .map(mappings -> !mappings.isEmpty())
            .subscribeOn(Schedulers.boundedElastic());
    }

    private Mappings mappings(MailAddress recipient) throws RecipientRewriteTableException {
        try {
            return recipientRewriteTable.getResolvedMappings(recipient.getLocalPart(), recipient.getDomain());
        } catch (RecipientRewriteTable.ErrorMappingException e) {
            return MappingsImpl.empty();
        }
    }
}
