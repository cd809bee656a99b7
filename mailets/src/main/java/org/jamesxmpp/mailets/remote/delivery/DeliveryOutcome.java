package org.jamesxmpp.mailets.remote.delivery;

import java.util.List;
import java.util.Map;

import org.apache.james.core.MailAddress;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

/** The result of one delivery attempt of a mail: one {@link ExecutionResult} per recipient, in recipient order. */
public record DeliveryOutcome(Map<MailAddress, ExecutionResult> results) {
    public DeliveryOutcome {
        results = ImmutableMap.copyOf(results);
    }

    public static DeliveryOutcome allFailed(List<MailAddress> recipients, DeliveryFailure failure) {
        ExecutionResult result = ExecutionResult.failure(failure);
        return new DeliveryOutcome(recipients.stream()
            .collect(ImmutableMap.toImmutableMap(recipient -> recipient, any -> result, (first, second) -> first)));
    }

    public List<MailAddress> delivered() {
        return results.entrySet().stream()
            .filter(entry -> entry.getValue().state() == ExecutionResult.ExecutionState.SUCCESS)
            .map(Map.Entry::getKey)
            .collect(ImmutableList.toImmutableList());
    }

    public Map<MailAddress, DeliveryFailure> failures(ExecutionResult.ExecutionState state) {
        return results.entrySet().stream()
            .filter(entry -> entry.getValue().state() == state)
            .collect(ImmutableMap.toImmutableMap(Map.Entry::getKey, entry -> entry.getValue().failure().orElseThrow()));
    }
}
