package io.gamehall.store;

import io.gamehall.sbe.store.AccountRecordDecoder;
import io.gamehall.sbe.store.AccountRecordEncoder;
import io.gamehall.sbe.store.BackupRecordDecoder;
import io.gamehall.sbe.store.BackupRecordEncoder;
import io.gamehall.sbe.store.GameRecordDecoder;
import io.gamehall.sbe.store.GameRecordEncoder;
import io.gamehall.sbe.store.HistoryHeadDecoder;
import io.gamehall.sbe.store.HistoryHeadEncoder;
import io.gamehall.sbe.store.HistoryPageDecoder;
import io.gamehall.sbe.store.HistoryPageEncoder;
import io.gamehall.sbe.store.MessageHeaderDecoder;
import io.gamehall.sbe.store.MessageHeaderEncoder;
import io.gamehall.sbe.store.NameRecordDecoder;
import io.gamehall.sbe.store.NameRecordEncoder;
import io.gamehall.sbe.store.PasswordAlgorithm;
import io.gamehall.sbe.store.PlayerResult;
import io.gamehall.sbe.store.ProfileRecordDecoder;
import io.gamehall.sbe.store.ProfileRecordEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Turns records into stored bytes and back: the SBE message header, the message (schema
 * {@code store-records.xml}), then a CRC-32C of both. Decoding checks, in order, the length, the
 * checksum, the schema id, the template id and that the message fills the value exactly, and
 * fails with {@link StoreError#CORRUPT} naming the key at the first mismatch: damaged bytes give a
 * clear error, never a wrong record.
 * <p>
 * Not thread-safe: it reuses one buffer and one encoder and decoder per record type. The store
 * keeps one per worker thread.
 */
final class RecordCodec
{
    /** Bytes of the checksum trailer. */
    static final int CHECKSUM_LENGTH = 4;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final UnsafeBuffer readBuffer = new UnsafeBuffer(new byte[0]);
    private final CRC32C crc = new CRC32C();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final AccountRecordEncoder accountEncoder = new AccountRecordEncoder();
    private final AccountRecordDecoder accountDecoder = new AccountRecordDecoder();
    private final NameRecordEncoder nameEncoder = new NameRecordEncoder();
    private final NameRecordDecoder nameDecoder = new NameRecordDecoder();
    private final ProfileRecordEncoder profileEncoder = new ProfileRecordEncoder();
    private final ProfileRecordDecoder profileDecoder = new ProfileRecordDecoder();
    private final BackupRecordEncoder backupEncoder = new BackupRecordEncoder();
    private final BackupRecordDecoder backupDecoder = new BackupRecordDecoder();
    private final GameRecordEncoder gameEncoder = new GameRecordEncoder();
    private final GameRecordDecoder gameDecoder = new GameRecordDecoder();
    private final HistoryHeadEncoder headEncoder = new HistoryHeadEncoder();
    private final HistoryHeadDecoder headDecoder = new HistoryHeadDecoder();
    private final HistoryPageEncoder pageEncoder = new HistoryPageEncoder();
    private final HistoryPageDecoder pageDecoder = new HistoryPageDecoder();

    /**
     * A user's history head: how many games their history holds and the page size it uses.
     */
    record HistoryHead(long userId, long count, int pageSize)
    {
    }

    byte[] encodeAccount(final Account account)
    {
        final PasswordHash hash = account.passwordHash();
        accountEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .accountId(account.id())
            .createdTime(account.createdTimeMs())
            .algorithm(PasswordAlgorithm.PBKDF2_HMAC_SHA256)
            .iterations(hash.iterations())
            .tokenGeneration(account.tokenGeneration())
            .name(account.name())
            .putSalt(hash.saltArray(), 0, hash.saltLength())
            .putHash(hash.hashArray(), 0, hash.hashLength());
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + accountEncoder.encodedLength());
    }

    Account decodeAccount(final byte[] value, final String key)
    {
        try
        {
            final int length = open(value, key, AccountRecordDecoder.TEMPLATE_ID);
            accountDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final long id = accountDecoder.accountId();
            final long created = accountDecoder.createdTime();
            if (accountDecoder.algorithm() != PasswordAlgorithm.PBKDF2_HMAC_SHA256)
            {
                throw corrupt(key, "unknown password algorithm " + accountDecoder.algorithmRaw());
            }
            final int iterations = accountDecoder.iterations();
            final long generation = accountDecoder.tokenGeneration(); // null value in version 1 records
            final String name = accountDecoder.name();
            final byte[] salt = new byte[checkedLength(accountDecoder.saltLength(), length, key)];
            accountDecoder.getSalt(salt, 0, salt.length);
            final byte[] hash = new byte[checkedLength(accountDecoder.hashLength(), length, key)];
            accountDecoder.getHash(hash, 0, hash.length);
            requireFilled(accountDecoder.limit(), length, key);
            return new Account(id, name, new PasswordHash(iterations, salt, hash), created,
                generation == AccountRecordDecoder.tokenGenerationNullValue() ? 0 : generation);
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    byte[] encodeName(final long accountId)
    {
        nameEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).accountId(accountId);
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + nameEncoder.encodedLength());
    }

    long decodeName(final byte[] value, final String key)
    {
        try
        {
            final int length = open(value, key, NameRecordDecoder.TEMPLATE_ID);
            nameDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final long accountId = nameDecoder.accountId();
            requireFilled(nameDecoder.limit(), length, key);
            return accountId;
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    byte[] encodeProfile(final Profile profile)
    {
        profileEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .accountId(profile.accountId())
            .rating(profile.rating())
            .wins(profile.wins())
            .losses(profile.losses())
            .draws(profile.draws())
            .lastSeenTime(profile.lastSeenMs())
            .displayName(profile.displayName());
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + profileEncoder.encodedLength());
    }

    Profile decodeProfile(final byte[] value, final String key)
    {
        try
        {
            final int length = open(value, key, ProfileRecordDecoder.TEMPLATE_ID);
            profileDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final long accountId = profileDecoder.accountId();
            final int rating = profileDecoder.rating();
            final int wins = profileDecoder.wins();
            final int losses = profileDecoder.losses();
            final int draws = profileDecoder.draws();
            final long lastSeen = profileDecoder.lastSeenTime();
            final String displayName = profileDecoder.displayName();
            requireFilled(profileDecoder.limit(), length, key);
            return new Profile(accountId, displayName, rating, wins, losses, draws, lastSeen);
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    byte[] encodeBackup(final InstanceBackup backup)
    {
        backupEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .instanceId(backup.instanceId())
            .version(backup.version())
            .savedTime(backup.savedTimeMs())
            .putState(backup.state(), 0, backup.state().length);
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + backupEncoder.encodedLength());
    }

    InstanceBackup decodeBackup(final byte[] value, final String key)
    {
        try
        {
            final int length = open(value, key, BackupRecordDecoder.TEMPLATE_ID);
            backupDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final long instanceId = backupDecoder.instanceId();
            final long version = backupDecoder.version();
            final long savedTime = backupDecoder.savedTime();
            final byte[] state = new byte[checkedLength(backupDecoder.stateLength(), length, key)];
            backupDecoder.getState(state, 0, state.length);
            requireFilled(backupDecoder.limit(), length, key);
            return new InstanceBackup(instanceId, version, savedTime, state);
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    byte[] encodeGame(final GameRecord game)
    {
        gameEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .gameId(game.gameId())
            .gameType(game.gameType())
            .startTime(game.startTimeMs())
            .endTime(game.endTimeMs());
        final GameRecordEncoder.PlayersEncoder players = gameEncoder.playersCount(game.players().size());
        for (final GamePlayer player : game.players())
        {
            players.next().userId(player.userId()).result(toSbe(player.outcome()));
        }
        final GameRecordEncoder.EventsEncoder events = gameEncoder.eventsCount(game.events().size());
        for (final GameEvent event : game.events())
        {
            events.next()
                .time(event.timeMs())
                .playerId(event.playerId())
                .kind(event.kind())
                .putPayload(event.payload(), 0, event.payload().length);
        }
        gameEncoder.summary(game.summary());
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + gameEncoder.encodedLength());
    }

    GameRecord decodeGame(final byte[] value, final String key)
    {
        try
        {
            final int length = open(value, key, GameRecordDecoder.TEMPLATE_ID);
            gameDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final long gameId = gameDecoder.gameId();
            final int gameType = gameDecoder.gameType();
            final long startTime = gameDecoder.startTime();
            final long endTime = gameDecoder.endTime();
            final GameRecordDecoder.PlayersDecoder playersDecoder = gameDecoder.players();
            final List<GamePlayer> players = new ArrayList<>(checkedCount(playersDecoder.count(), length, key));
            while (playersDecoder.hasNext())
            {
                playersDecoder.next();
                players.add(new GamePlayer(playersDecoder.userId(), fromSbe(playersDecoder.result(), key)));
            }
            final GameRecordDecoder.EventsDecoder eventsDecoder = gameDecoder.events();
            final List<GameEvent> events = new ArrayList<>(checkedCount(eventsDecoder.count(), length, key));
            while (eventsDecoder.hasNext())
            {
                eventsDecoder.next();
                final long time = eventsDecoder.time();
                final long playerId = eventsDecoder.playerId();
                final int kind = eventsDecoder.kind();
                final byte[] payload = new byte[checkedLength(eventsDecoder.payloadLength(), length, key)];
                eventsDecoder.getPayload(payload, 0, payload.length);
                events.add(new GameEvent(time, playerId, kind, payload));
            }
            final String summary = gameDecoder.summary();
            requireFilled(gameDecoder.limit(), length, key);
            return new GameRecord(gameId, gameType, startTime, endTime, List.copyOf(players), List.copyOf(events),
                summary);
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    byte[] encodeHistoryHead(final HistoryHead head)
    {
        headEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .userId(head.userId())
            .count(head.count())
            .pageSize(head.pageSize());
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + headEncoder.encodedLength());
    }

    HistoryHead decodeHistoryHead(final byte[] value, final String key)
    {
        try
        {
            final int length = open(value, key, HistoryHeadDecoder.TEMPLATE_ID);
            headDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            final HistoryHead head = new HistoryHead(headDecoder.userId(), headDecoder.count(), headDecoder.pageSize());
            requireFilled(headDecoder.limit(), length, key);
            if (head.count() < 0 || head.pageSize() < 1)
            {
                throw corrupt(key, "impossible count " + head.count() + " or page size " + head.pageSize());
            }
            return head;
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    /**
     * @param userId    the user.
     * @param page      page number.
     * @param pageSize  the user's page size (entry i of page p has sequence p * pageSize + i).
     * @param entries   the page's entries, oldest first.
     * @return the stored bytes.
     */
    byte[] encodeHistoryPage(final long userId, final long page, final List<HistoryEntry> entries)
    {
        pageEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).userId(userId).page(page);
        final HistoryPageEncoder.EntriesEncoder group = pageEncoder.entriesCount(entries.size());
        for (final HistoryEntry entry : entries)
        {
            group.next()
                .gameId(entry.gameId())
                .gameType(entry.gameType())
                .endTime(entry.endTimeMs())
                .result(toSbe(entry.outcome()));
        }
        return seal(MessageHeaderEncoder.ENCODED_LENGTH + pageEncoder.encodedLength());
    }

    List<HistoryEntry> decodeHistoryPage(final byte[] value, final String key, final int pageSize)
    {
        try
        {
            final int length = open(value, key, HistoryPageDecoder.TEMPLATE_ID);
            pageDecoder.wrap(readBuffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
                headerDecoder.version());
            pageDecoder.userId();
            final long page = pageDecoder.page();
            final HistoryPageDecoder.EntriesDecoder group = pageDecoder.entries();
            if (group.count() > pageSize)
            {
                throw corrupt(key, group.count() + " entries on a page of " + pageSize);
            }
            final List<HistoryEntry> entries = new ArrayList<>(group.count());
            long sequence = page * pageSize;
            while (group.hasNext())
            {
                group.next();
                entries.add(new HistoryEntry(
                    sequence++, group.gameId(), group.gameType(), group.endTime(), fromSbe(group.result(), key)));
            }
            requireFilled(pageDecoder.limit(), length, key);
            return entries;
        }
        catch (final StoreException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw corrupt(key, ex);
        }
    }

    private byte[] seal(final int messageLength)
    {
        crc.reset();
        crc.update(buffer.byteArray(), 0, messageLength);
        buffer.putInt(messageLength, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        return Arrays.copyOf(buffer.byteArray(), messageLength + CHECKSUM_LENGTH);
    }

    /**
     * Check length, checksum, schema and template, wrap the header.
     *
     * @return the message length without the checksum.
     */
    private int open(final byte[] value, final String key, final int templateId)
    {
        if (value.length < MessageHeaderDecoder.ENCODED_LENGTH + CHECKSUM_LENGTH)
        {
            throw corrupt(key, "only " + value.length + " bytes");
        }
        final int length = value.length - CHECKSUM_LENGTH;
        readBuffer.wrap(value);
        crc.reset();
        crc.update(value, 0, length);
        final int stored = readBuffer.getInt(length, ByteOrder.LITTLE_ENDIAN);
        if (stored != (int)crc.getValue())
        {
            throw corrupt(key, "checksum mismatch over " + value.length + " bytes");
        }
        headerDecoder.wrap(readBuffer, 0);
        if (headerDecoder.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            throw corrupt(key, "schema id " + headerDecoder.schemaId() + ", expected " + MessageHeaderDecoder.SCHEMA_ID);
        }
        if (headerDecoder.templateId() != templateId)
        {
            throw corrupt(key, "record type " + headerDecoder.templateId() + ", expected " + templateId);
        }
        if (MessageHeaderDecoder.ENCODED_LENGTH + headerDecoder.blockLength() > length)
        {
            throw corrupt(key, "block length " + headerDecoder.blockLength() + " exceeds the value");
        }
        readBuffer.wrap(value, 0, length);
        return length;
    }

    private static int checkedLength(final int dataLength, final int valueLength, final String key)
    {
        if (dataLength < 0 || dataLength > valueLength)
        {
            throw corrupt(key, "field length " + dataLength + " exceeds the value");
        }
        return dataLength;
    }

    private static int checkedCount(final int count, final int valueLength, final String key)
    {
        if (count < 0 || count > valueLength)
        {
            throw corrupt(key, "group count " + count + " exceeds the value");
        }
        return count;
    }

    private static void requireFilled(final int limit, final int length, final String key)
    {
        if (limit != length)
        {
            throw corrupt(key, "the record ends at " + limit + " of " + length + " bytes");
        }
    }

    private static PlayerResult toSbe(final PlayerOutcome outcome)
    {
        return switch (outcome)
        {
            case WIN -> PlayerResult.WIN;
            case LOSS -> PlayerResult.LOSS;
            case DRAW -> PlayerResult.DRAW;
            case ABANDONED -> PlayerResult.ABANDONED;
        };
    }

    private static PlayerOutcome fromSbe(final PlayerResult result, final String key)
    {
        return switch (result)
        {
            case WIN -> PlayerOutcome.WIN;
            case LOSS -> PlayerOutcome.LOSS;
            case DRAW -> PlayerOutcome.DRAW;
            case ABANDONED -> PlayerOutcome.ABANDONED;
            case NULL_VAL -> throw corrupt(key, "missing player result");
        };
    }

    private static StoreException corrupt(final String key, final String why)
    {
        return new StoreException(StoreError.CORRUPT, "the stored value of " + key + " is damaged: " + why);
    }

    private static StoreException corrupt(final String key, final RuntimeException cause)
    {
        return new StoreException(StoreError.CORRUPT, "the stored value of " + key + " does not decode: " + cause, cause);
    }
}
