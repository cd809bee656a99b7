package org.jamesxmpp.listener.c2s;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.jamesxmpp.core.c2s.AdminCommands;
import org.jamesxmpp.core.c2s.ClientSession;
import org.jamesxmpp.core.c2s.ClientStreamXml;
import org.jamesxmpp.core.log.LogSafe;
import org.jamesxmpp.core.s2s.codec.XmlElement;
import org.jamesxmpp.listener.configuration.AdminConfiguration;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * XEP-0133 add-user and delete-user for the users {@code c2s/admins} names, on James's users repository (as WebAdmin's
 * {@code PUT /users} and {@code DELETE /users} do; James refuses a user of a domain it does not serve). Anyone else
 * gets {@code forbidden}. The repository is called off the event loop.
 */
public class ServiceAdministration {
    private static final Logger LOGGER = LoggerFactory.getLogger(ServiceAdministration.class);

    private final UsersRepository usersRepository;
    private final AdminConfiguration configuration;

    @Inject
    public ServiceAdministration(UsersRepository usersRepository, AdminConfiguration configuration) {
        this.usersRepository = usersRepository;
        this.configuration = configuration;
    }

    public void command(ClientSession session, String id, String server, XmlElement command) {
        Optional<String> from = Optional.of(server);
        if (!configuration.isAdmin(session.jid().asEntityBareJid())) {
            session.deliver(ClientStreamXml.stanzaError("iq", id, from, "auth", "forbidden"));
            return;
        }
        String sessionId = command.attribute("sessionid").orElseGet(() -> UUID.randomUUID().toString());
        AdminCommands.Request request = AdminCommands.parse(command);
        if (request instanceof AdminCommands.FormRequest form) {
            session.deliver(AdminCommands.form(id, from, form.node(), sessionId));
        } else if (request instanceof AdminCommands.Canceled canceled) {
            session.deliver(AdminCommands.canceled(id, from, canceled.node(), sessionId));
        } else if (request instanceof AdminCommands.AddUser add) {
            run(session, id, from, Mono.fromCallable(() -> addUser(session, add)), AdminCommands.ADD_USER, sessionId);
        } else if (request instanceof AdminCommands.DeleteUsers delete) {
            run(session, id, from, Mono.fromCallable(() -> deleteUsers(session, delete.accountJids())),
                AdminCommands.DELETE_USER, sessionId);
        } else {
            session.deliver(ClientStreamXml.stanzaError("iq", id, from, "modify", "bad-request"));
        }
    }

    /** Runs {@code work} off the event loop; it gives the condition the command failed with, if it failed. */
    private void run(ClientSession session, String id, Optional<String> from, Mono<Optional<String>> work, String node,
                     String sessionId) {
        work.subscribeOn(Schedulers.boundedElastic())
            .onErrorResume(UsersRepositoryException.class, error -> {
                LOGGER.info("Command {} of {} failed: {}", node, LogSafe.of(session.jid()), LogSafe.of(error.getMessage()));
                return Mono.just(Optional.of("not-acceptable"));
            })
            .subscribe(failure -> session.deliver(failure
                .map(condition -> ClientStreamXml.stanzaError("iq", id, from, "modify", condition))
                .orElseGet(() -> AdminCommands.completed(id, from, node, sessionId))));
    }

    private Optional<String> addUser(ClientSession session, AdminCommands.AddUser add) throws UsersRepositoryException {
        Optional<EntityBareJid> account = jid(add.accountJid());
        if (account.isEmpty() || !add.password().equals(add.passwordVerify())) {
            return Optional.of("bad-request");
        }
        Username username = Username.of(account.get().toString());
        if (usersRepository.contains(username)) {
            return Optional.of("conflict");
        }
        usersRepository.addUser(username, add.password());
        LOGGER.info("{} added user {} (XEP-0133)", LogSafe.of(session.jid()), LogSafe.of(username.asString()));
        return Optional.empty();
    }

    private Optional<String> deleteUsers(ClientSession session, List<String> accountJids) throws UsersRepositoryException {
        for (String accountJid : accountJids) {
            Optional<EntityBareJid> account = jid(accountJid);
            if (account.isEmpty()) {
                return Optional.of("bad-request");
            }
            Username username = Username.of(account.get().toString());
            if (usersRepository.contains(username)) {
                usersRepository.removeUser(username);
                LOGGER.info("{} deleted user {} (XEP-0133)", LogSafe.of(session.jid()), LogSafe.of(username.asString()));
            }
        }
        return Optional.empty();
    }

    private static Optional<EntityBareJid> jid(String value) {
        try {
            return Optional.of(JidCreate.entityBareFrom(value));
        } catch (XmppStringprepException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
