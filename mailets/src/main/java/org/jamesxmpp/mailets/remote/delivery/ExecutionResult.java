package org.jamesxmpp.mailets.remote.delivery;

import java.util.Objects;
import java.util.Optional;

import com.google.common.base.Preconditions;

/** The outcome of one delivery attempt for one recipient. */
public record ExecutionResult(ExecutionState state, Optional<DeliveryFailure> failure) {
    public enum ExecutionState {
        SUCCESS,
        TEMPORARY_FAILURE,
        PERMANENT_FAILURE,
        /** The attempt was cut short by the s2s engine stopping: queued again without counting a retry. */
        INTERRUPTED
    }

    public ExecutionResult {
        Objects.requireNonNull(state, "state");
        Preconditions.checkArgument(failure.isPresent() == (state != ExecutionState.SUCCESS),
            "a failure, and only a failure, carries a DeliveryFailure");
    }

    public static ExecutionResult success() {
        return new ExecutionResult(ExecutionState.SUCCESS, Optional.empty());
    }

    public static ExecutionResult temporaryFailure(DeliveryFailure failure) {
        return new ExecutionResult(ExecutionState.TEMPORARY_FAILURE, Optional.of(failure));
    }

    public static ExecutionResult permanentFailure(DeliveryFailure failure) {
        return new ExecutionResult(ExecutionState.PERMANENT_FAILURE, Optional.of(failure));
    }

    public static ExecutionResult interrupted(DeliveryFailure failure) {
        return new ExecutionResult(ExecutionState.INTERRUPTED, Optional.of(failure));
    }

    /** Permanent when the status is 5.x.x, temporary when 4.x.x. */
    public static ExecutionResult failure(DeliveryFailure failure) {
        return failure.isPermanent() ? permanentFailure(failure) : temporaryFailure(failure);
    }
}
