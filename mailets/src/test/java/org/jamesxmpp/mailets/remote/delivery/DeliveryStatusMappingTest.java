package org.jamesxmpp.mailets.remote.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;

import org.jamesxmpp.core.s2s.DeliveryException;
import org.jamesxmpp.core.s2s.StanzaErrorException;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryStatusMappingTest {
    @ParameterizedTest
    @CsvSource({
        "item_not_found, CANCEL, 5.1.1",
        "jid_malformed, MODIFY, 5.1.3",
        "gone, CANCEL, 5.1.6",
        "service_unavailable, CANCEL, 5.2.1",
        "recipient_unavailable, WAIT, 4.2.1",
        "forbidden, AUTH, 5.7.1",
        "not_authorized, AUTH, 5.7.1",
        "policy_violation, MODIFY, 5.7.1",
        "not_acceptable, MODIFY, 5.6.0",
        "feature_not_implemented, CANCEL, 5.3.3",
        "internal_server_error, WAIT, 4.3.0",
        "resource_constraint, WAIT, 4.4.5",
        "remote_server_not_found, CANCEL, 5.4.4",
        "remote_server_timeout, WAIT, 4.4.1",
        "undefined_condition, CANCEL, 5.0.0"
    })
    void forStanzaErrorShouldFollowTheTable(StanzaError.Condition condition, StanzaError.Type type, String status) {
        assertThat(DeliveryStatusMapping.forStanzaError(condition, type, "").status().asString()).isEqualTo(status);
    }

    @Test
    void forStanzaErrorShouldMapEveryConditionToAFailureClassMatchingItsType() {
        Arrays.stream(StanzaError.Condition.values()).forEach(condition -> {
            assertThat(DeliveryStatusMapping.forStanzaError(condition, StanzaError.Type.WAIT, "").isPermanent()).isFalse();
            assertThat(DeliveryStatusMapping.forStanzaError(condition, StanzaError.Type.CANCEL, "").isPermanent()).isTrue();
        });
    }

    @Test
    void forStanzaErrorShouldNameConditionTypeAndTextInTheDiagnostic() {
        DeliveryFailure failure = DeliveryStatusMapping.forStanzaError(
            new StanzaErrorException(StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL, Optional.of("no such user")));

        assertThat(failure.diagnostic()).isEqualTo("item-not-found (cancel): no such user");
    }

    @Test
    void forDeliveryExceptionShouldBeTransientWhenTheServerIsNotFound() {
        DeliveryFailure failure = DeliveryStatusMapping.forDeliveryException(
            new DeliveryException(DeliveryException.Reason.REMOTE_SERVER_NOT_FOUND, "connection refused"));

        assertThat(failure.status()).isEqualTo(DsnStatus.transientFailure(4, 4));
        assertThat(failure.diagnostic()).isEqualTo("remote-server-not-found: connection refused");
    }

    @Test
    void forDeliveryExceptionShouldBeTransientWhenTheEngineSaysAuthenticationMaySucceedLater() {
        DeliveryFailure failure = DeliveryStatusMapping.forDeliveryException(
            new DeliveryException(DeliveryException.Reason.AUTHENTICATION_FAILED, "dialback invalid"));

        assertThat(failure.status()).isEqualTo(DsnStatus.transientFailure(7, 0));
    }

    @Test
    void forDeliveryExceptionShouldBePermanentForAnInvalidStanza() {
        DeliveryFailure failure = DeliveryStatusMapping.forDeliveryException(
            new DeliveryException(DeliveryException.Reason.INVALID_STANZA, "from evil.test is not one of our domains"));

        assertThat(failure.status()).isEqualTo(DsnStatus.permanent(7, 1));
    }

    @Test
    void forDeliveryExceptionShouldUseTheStanzaErrorWhenThePeerAnsweredWithOne() {
        DeliveryFailure failure = DeliveryStatusMapping.forDeliveryException(new DeliveryException(
            new StanzaErrorException(StanzaError.Condition.item_not_found, StanzaError.Type.CANCEL)));

        assertThat(failure.status()).isEqualTo(DsnStatus.permanent(1, 1));
    }

    @Test
    void forDeliveryExceptionShouldBeTransientForAStanzaErrorOfTypeWait() {
        DeliveryFailure failure = DeliveryStatusMapping.forDeliveryException(new DeliveryException(
            new StanzaErrorException(StanzaError.Condition.resource_constraint, StanzaError.Type.WAIT)));

        assertThat(failure.isPermanent()).isFalse();
    }
}
