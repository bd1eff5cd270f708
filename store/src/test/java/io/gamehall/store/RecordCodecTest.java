package io.gamehall.store;

import io.gamehall.sbe.store.AccountRecordDecoder;
import io.gamehall.sbe.store.MessageHeaderDecoder;
import io.gamehall.sbe.store.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stored bytes: a round trip gives the record back; any damage gives CORRUPT, never a record.
 */
class RecordCodecTest
{
    private final RecordCodec codec = new RecordCodec();

    @Test
    void shouldRoundTripEveryRecord()
    {
        final Account account = new Account(42, "Alice", new PasswordHash(1000, new byte[16], new byte[32]), 1234);
        assertThat(codec.decodeAccount(codec.encodeAccount(account), "a")).isEqualTo(account);
        assertThat(codec.decodeName(codec.encodeName(42), "n")).isEqualTo(42);
        final Profile profile = new Profile(42, "Ålice ♛", 1500, 1, 2, 3, 99);
        assertThat(codec.decodeProfile(codec.encodeProfile(profile), "p")).isEqualTo(profile);
        final InstanceBackup backup = codec.decodeBackup(codec.encodeBackup(new InstanceBackup(7, 3, 5, new byte[] {1, 2})), "b");
        assertThat(backup.version()).isEqualTo(3);
        assertThat(backup.state()).containsExactly(1, 2);
        final RecordCodec.HistoryHead head = new RecordCodec.HistoryHead(42, 17, 25);
        assertThat(codec.decodeHistoryHead(codec.encodeHistoryHead(head), "h")).isEqualTo(head);
        final List<HistoryEntry> entries = List.of(new HistoryEntry(25, 9, 7, 100, PlayerOutcome.WIN),
            new HistoryEntry(26, 10, 7, 200, PlayerOutcome.ABANDONED));
        assertThat(codec.decodeHistoryPage(codec.encodeHistoryPage(42, 1, entries), "hp", 25)).isEqualTo(entries);
    }

    @Test
    void shouldKeepTheTokenGenerationAndReadAccountsOfVersionOneAsGenerationZero()
    {
        final Account account = new Account(42, "Alice", new PasswordHash(1000, new byte[16], new byte[32]), 1234, 7);
        final byte[] current = codec.encodeAccount(account);
        assertThat(codec.decodeAccount(current, "a").tokenGeneration()).isEqualTo(7);

        // the same record as a version 1 writer made it: a block without tokenGeneration (its last 8 bytes)
        final UnsafeBuffer in = new UnsafeBuffer(current);
        final int header = MessageHeaderDecoder.ENCODED_LENGTH;
        final int oldBlock = AccountRecordDecoder.BLOCK_LENGTH - 8;
        final int bodyEnd = current.length - RecordCodec.CHECKSUM_LENGTH;
        final byte[] v1 = new byte[current.length - 8];
        final UnsafeBuffer out = new UnsafeBuffer(v1);
        out.putBytes(0, in, 0, header + oldBlock);
        out.putBytes(header + oldBlock, in, header + AccountRecordDecoder.BLOCK_LENGTH,
            bodyEnd - header - AccountRecordDecoder.BLOCK_LENGTH);
        new MessageHeaderEncoder().wrap(out, 0).blockLength(oldBlock).version(1);
        final CRC32C crc = new CRC32C();
        crc.update(v1, 0, v1.length - RecordCodec.CHECKSUM_LENGTH);
        out.putInt(v1.length - RecordCodec.CHECKSUM_LENGTH, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);

        assertThat(codec.decodeAccount(v1, "a")).isEqualTo(new Account(42, "Alice", account.passwordHash(), 1234, 0));
    }

    @Test
    void shouldRefuseEveryDamagedByteAndEveryTruncation()
    {
        final byte[] good = codec.encodeGame(new GameRecord(5, 7, 10, 20,
            List.of(new GamePlayer(1, PlayerOutcome.WIN), new GamePlayer(2, PlayerOutcome.LOSS)),
            List.of(new GameEvent(11, 1, 3, new byte[] {9, 8, 7}), new GameEvent(12, 2, 4, new byte[0])), "mate"));
        assertThat(codec.decodeGame(good, "game::5").events()).hasSize(2);

        for (int i = 0; i < good.length; i++)
        {
            for (final int flip : new int[] {0x01, 0x80, 0xFF})
            {
                final byte[] damaged = good.clone();
                damaged[i] ^= (byte)flip;
                assertCorrupt(() -> codec.decodeGame(damaged, "game::5"));
            }
        }
        for (int length = 0; length < good.length; length++)
        {
            final byte[] truncated = java.util.Arrays.copyOf(good, length);
            assertCorrupt(() -> codec.decodeGame(truncated, "game::5"));
        }
        final byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertCorrupt(() -> codec.decodeGame(longer, "game::5"));
    }

    @Test
    void shouldRefuseARecordOfAnotherType()
    {
        final byte[] name = codec.encodeName(42);
        assertThatThrownBy(() -> codec.decodeBackup(name, "backup::1"))
            .isInstanceOfSatisfying(StoreException.class, (ex) ->
            {
                assertThat(ex.error()).isEqualTo(StoreError.CORRUPT);
                assertThat(ex.getMessage()).contains("backup::1").contains("record type");
            });
    }

    private static void assertCorrupt(final Runnable decode)
    {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(StoreException.class,
            (ex) -> assertThat(ex.error()).isEqualTo(StoreError.CORRUPT));
    }
}
