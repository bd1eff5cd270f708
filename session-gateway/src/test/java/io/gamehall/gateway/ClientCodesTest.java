package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.InstancePhase;
import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class ClientCodesTest
{
    @ParameterizedTest
    @CsvSource({
        "OK, OK",
        "NO_CAPACITY, NO_CAPACITY",
        "UNKNOWN_INSTANCE, UNKNOWN_INSTANCE",
        "INSTANCE_FULL, INSTANCE_FULL",
        "INSTANCE_NOT_JOINABLE, INSTANCE_NOT_JOINABLE",
        "USER_IN_INSTANCE, ALREADY_IN_INSTANCE",
        "USER_NOT_IN_INSTANCE, NOT_IN_INSTANCE",
        "NOT_INSTANCE_OWNER, NOT_OWNER",
        "SERVER_NOT_ACTIVE, GATEWAY_DRAINING",
        "SERVER_DEAD, GATEWAY_DRAINING",
        "DIRECTORY_FULL, GATEWAY_FULL",
        "INVALID_VALUE, INVALID_VALUE",
        "INVALID_ENUM_VALUE, INVALID_VALUE",
        "INVALID_NAME, INVALID_VALUE",
        "STRING_TOO_LONG, INVALID_VALUE",
        "USER_NAME_TAKEN, NAME_TAKEN",
        "USER_ID_MISMATCH, NAME_TAKEN",
        "MALFORMED_MESSAGE, INTERNAL",
        "NOT_AUTHORISED, INTERNAL",
        "CLIENT_TABLE_FULL, INTERNAL",
        "NULL_VAL, INTERNAL",
    })
    void shouldGiveTheClientItsCodeForEachMasterResult(final ResultCode master, final ClientCode client)
    {
        assertThat(ClientCodes.map(master)).isEqualTo(client);
    }

    @ParameterizedTest
    @EnumSource(ResultCode.class)
    void shouldMapEveryMasterResultToSomeClientCode(final ResultCode code)
    {
        assertThat(ClientCodes.map(code)).isNotNull();
        assertThat(ClientCodes.map(code) == ClientCode.OK).isEqualTo(code == ResultCode.OK);
    }

    @ParameterizedTest
    @CsvSource({
        "MALFORMED_MESSAGE, MALFORMED",
        "MESSAGE_TOO_LARGE, TOO_LARGE",
        "UNKNOWN_MESSAGE, UNKNOWN_MESSAGE",
        "UNKNOWN_INSTANCE, UNKNOWN_INSTANCE",
        "NOT_A_PLAYER, NOT_A_PLAYER",
        "INSTANCE_NOT_READY, INSTANCE_NOT_READY",
        "REJECTED, REJECTED",
        "OVERLOADED, OVERLOADED",
        "INSTANCE_FAILED, INSTANCE_FAILED",
        "NULL_VAL, INTERNAL",
    })
    void shouldGiveTheClientItsCodeForEachGameError(final GameErrorCode host, final ClientCode client)
    {
        assertThat(ClientCodes.map(host)).isEqualTo(client);
    }

    @ParameterizedTest
    @CsvSource({
        "CREATING, CREATING",
        "RUNNING, RUNNING",
        "SUSPENDED, SUSPENDED",
        "OPEN, OPEN",
    })
    void shouldShowEachInstanceStateAsItsPhase(final InstanceState state, final InstancePhase phase)
    {
        assertThat(ClientCodes.phase(state)).isEqualTo(phase);
    }

    @Test
    void shouldTellTheMastersSilenceFromOtherFailures()
    {
        assertThat(ClientCodes.masterFailure(new CompletionException(new TimeoutException("late"))))
            .isEqualTo(ClientCode.TIMEOUT);
        assertThat(ClientCodes.masterFailure(new TimeoutException("late"))).isEqualTo(ClientCode.TIMEOUT);
        assertThat(ClientCodes.masterFailure(new CompletionException(new StoreException(StoreError.CLOSED, "closed"))))
            .isEqualTo(ClientCode.MASTER_UNAVAILABLE);
    }

    @Test
    void shouldCloseAfterAProtocolErrorOnlyWhenAsked()
    {
        final ClientInbox kept = new ClientInbox();
        final ClientInbox closed = new ClientInbox();

        ClientCodes.protocolError(kept.connection, ClientCode.UNKNOWN_MESSAGE, "unknown", false);
        ClientCodes.protocolError(closed.connection, ClientCode.MALFORMED, "unreadable", true);

        assertThat(kept.only().protocolError().code()).isEqualTo(ClientCode.UNKNOWN_MESSAGE);
        assertThat(kept.isOpen()).isTrue();
        assertThat(closed.only().protocolError().code()).isEqualTo(ClientCode.MALFORMED);
        assertThat(closed.isOpen()).isFalse();
    }
}
