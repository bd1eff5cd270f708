package io.gamehall.matchmaker;

import io.gamehall.matchmaker.support.BestPlacement;
import io.gamehall.matchmaker.support.Commands;
import io.gamehall.matchmaker.support.Partition;
import io.gamehall.matchmaker.support.Recorder;
import io.gamehall.matchmaker.support.Recorder.HandedOver;
import io.gamehall.matchmaker.support.Recorder.Match;
import io.gamehall.matchmaker.support.Recorder.MatchPlayer;
import io.gamehall.matchmaker.support.Recorder.MatchTicket;
import io.gamehall.sbe.matchmaker.MatchmakerCode;
import io.gamehall.sbe.matchmaker.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.SplitMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random ticket streams (seeded, bounded in count and time) over random queue rules: 1v1, 2v2,
 * 3v3 and 5v5 with parties, a table of six, four-player free-for-all; regions strict or not;
 * ratings crowded in the middle of the range, some outside it; tickets created now, long ago or
 * a little ahead; cancels, ticks, splits and merges with the handed-over tickets absorbed again.
 * <p>
 * After every command, against a model of the waiting tickets kept by the test:
 * <ul>
 *     <li>every ticket ends exactly once (matched, cancelled, expired or handed over) and only
 *     a waiting ticket ends; no ticket waits past its longest wait; at the end of the run every
 *     ticket left expires;</li>
 *     <li>each match: the players are exactly its tickets' members, no player twice, every
 *     team full, no party split, one region when strict, every ticket in every other's window
 *     as the rules define it at the match's time, teams as balanced as the best placement
 *     (brute force, up to ten players);</li>
 *     <li>1v1: no two waiting tickets are in each other's window (windows widen as specified,
 *     and a ticket is matched as soon as they allow);</li>
 *     <li>refusals: the code the rules say, and no change;</li>
 *     <li>a second engine fed the same commands says the same and hashes the same; every so
 *     often it is replaced by one restored from the first one's snapshot.</li>
 * </ul>
 */
class PartitionPropertiesTest
{
    private static final int COMMANDS = 2_500;
    private static final List<String> REACHED = List.of(
        "MatchFound", "match of a party", "match on a tick", "TicketExpired", "expired on arrival", "TicketCancelled",
        "TicketHandedOver", "RangeChanged", "snapshot", "DUPLICATE_TICKET", "USER_ALREADY_WAITING",
        "RATING_OUT_OF_RANGE", "UNKNOWN_TICKET", "PARTY_TOO_LARGE");

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @BeforeProperty
    void forgetWhatWasReached()
    {
        SEEN.clear();
    }

    @AfterProperty
    void everyOutcomeWasReached()
    {
        assertThat(REACHED).as("outcomes the random runs of this property never produced").allMatch(SEEN::contains);
    }

    @Property(tries = 12)
    void shouldEndEveryTicketOnceAndKeepEveryMatchRule(@ForAll final long seed)
    {
        new Run(seed, false).go();
    }

    @Property(tries = 4)
    void shouldRefuseBrokenCommandsAndChangeNothing(@ForAll final long seed)
    {
        new Run(seed, true).go();
    }

    private record Open(long id, int region, long created, long[] users, int[] ratings, int rating)
    {
    }

    private static final class Run
    {
        private final Random random;
        private final boolean agitate;
        private final QueueRules rules;
        private final QueueRules spec;
        private final PartitionConfig config;
        private final Partition a;
        private Partition b;
        private final Map<Long, Open> open = new LinkedHashMap<>();
        private final Map<Long, Long> ticketOfUser = new HashMap<>();
        private final List<HandedOver> toAbsorb = new ArrayList<>();
        private final int lower;
        private final int upper;
        private int acceptUpper;
        private long now;
        private long nextTicketId = 1;
        private long nextUserId = 1;
        private int matchesSeen;
        private int expiredSeen;
        private int cancelledSeen;
        private int handedOverSeen;
        private int refusedSeen;
        private int step;
        private String lastCommand = "";

        Run(final long seed, final boolean agitate)
        {
            random = new Random(seed);
            this.agitate = agitate;
            final int kind = random.nextInt(6);
            final int[][] shapes = {{2, 2, 1}, {4, 2, 2}, {6, 2, 3}, {10, 2, 5}, {6, 1, 6}, {4, 4, 1}};
            final int[] shape = shapes[kind];
            final int initial = random.nextInt(61);
            final int widenBy = 5 + random.nextInt(56);
            rules = new QueueRules().playersPerMatch(shape[0]).teams(shape[1]).teamSize(shape[2])
                .maxPartySize(kind == 4 ? 3 : 0)
                .initialWindow(initial).widenBy(widenBy).widenEveryMs(500 + random.nextInt(3_500))
                .maxWindow(initial + widenBy * (1 + random.nextInt(12))).maxWaitMs(10_000 + random.nextInt(50_000))
                .regionStrict(random.nextInt(3) == 0);
            spec = Partition.copyOf(rules).conclude();
            lower = 1_000;
            upper = lower + 500 + random.nextInt(2_500);
            acceptUpper = upper;
            config = new PartitionConfig().queueId(9).lower(lower).upper(upper).maxTickets(400).maxRegions(3)
                .ratingBuckets(64 << random.nextInt(7)).scanLimit(10_000);
            a = new Partition(rules, config);
            b = new Partition(Partition.copyOf(rules), Partition.copyOf(config));
        }

        void go()
        {
            for (step = 0; step < COMMANDS; step++)
            {
                final int roll = random.nextInt(100);
                if (agitate && roll < 10)
                {
                    broken();
                }
                else if (!toAbsorb.isEmpty() && roll < 30)
                {
                    absorb();
                }
                else if (roll < 55)
                {
                    add();
                }
                else if (roll < 68)
                {
                    cancel();
                }
                else if (roll < 97)
                {
                    tick(now + random.nextInt(rules.widenEveryMs() > 2_000 ? 3_000 : 1_500));
                }
                else if (roll < 99)
                {
                    split();
                }
                else
                {
                    b = a.restored();
                    SEEN.add("snapshot");
                }
            }
            while (!toAbsorb.isEmpty())
            {
                absorb();
            }
            tick(now + rules.maxWaitMs() + 10_000);
            assertThat(open).as("every ticket ended").isEmpty();
            assertThat(a.engine().ticketCount()).isZero();
        }

        private void add()
        {
            final long id = !open.isEmpty() && random.nextInt(40) == 0 ? anyOpen() : nextTicketId++;
            int size = 1;
            if (rules.maxPartySize() > 1 && random.nextInt(3) == 0)
            {
                size = 1 + random.nextInt(rules.maxPartySize());
            }
            if (random.nextInt(60) == 0)
            {
                size = rules.maxPartySize() + 1;
            }
            final long[] users = new long[size];
            final int[] ratings = new int[size];
            final int center = centerRating();
            for (int i = 0; i < size; i++)
            {
                users[i] = nextUserId++;
                ratings[i] = center + (int)(random.nextGaussian() * 40);
            }
            if (!ticketOfUser.isEmpty() && random.nextInt(40) == 0)
            {
                users[0] = ticketOfUser.keySet().iterator().next();
            }
            final int region = 1 + random.nextInt(3);
            final int age = random.nextInt(20);
            long created = now - random.nextInt(200);
            if (age < 3)
            {
                created = now - random.nextInt((int)(rules.maxWaitMs() * 6 / 5));
            }
            else if (age == 3)
            {
                created = now + random.nextInt(1_000);
            }
            created = Math.max(0, created);
            applyAdd(id, region, created, users, ratings);
        }

        private int centerRating()
        {
            final int width = upper - lower;
            if (random.nextInt(50) == 0)
            {
                return random.nextBoolean() ? lower - 50 : upper + 50;
            }
            final int center = lower + width / 2 + (int)(random.nextGaussian() * width / 6);
            return Math.max(lower - 10, Math.min(upper + 10, center));
        }

        private void absorb()
        {
            final HandedOver ticket = toAbsorb.remove(0);
            if (ratingOf(ticket.ratings()) >= acceptUpper)
            {
                return;
            }
            applyAdd(ticket.ticketId(), ticket.region(), ticket.createdTime(), ticket.users(), ticket.ratings());
        }

        private void applyAdd(final long id, final int region, final long created, final long[] users, final int[] ratings)
        {
            final int rating = users.length == 0 ? 0 : ratingOf(ratings);
            MatchmakerCode expected = null;
            final Set<Long> distinct = new HashSet<>();
            for (final long user : users)
            {
                distinct.add(user);
            }
            if (users.length > rules.maxPartySize())
            {
                expected = MatchmakerCode.PARTY_TOO_LARGE;
            }
            else if (distinct.size() != users.length)
            {
                expected = MatchmakerCode.DUPLICATE_PARTY_MEMBER;
            }
            else if (rating < lower || rating >= acceptUpper)
            {
                expected = MatchmakerCode.RATING_OUT_OF_RANGE;
            }
            else if (open.containsKey(id))
            {
                expected = MatchmakerCode.DUPLICATE_TICKET;
            }
            else if (Arrays.stream(users).anyMatch(ticketOfUser::containsKey))
            {
                expected = MatchmakerCode.USER_ALREADY_WAITING;
            }
            final Open arriving = new Open(id, region, created, users.clone(), ratings.clone(), rating);
            lastCommand = "add " + arriving + " " + Arrays.toString(users) + Arrays.toString(ratings);
            final long hash = a.engine().stateHash();
            final List<String> outA = a.add(id, region, created, users, ratings);
            final List<String> outB = b.add(id, region, created, users, ratings);
            compare(outA, outB);
            if (expected != null)
            {
                refusedWith(outA, expected, hash);
                return;
            }
            if (outA.size() == 1 && outA.get(0).startsWith("CommandRefused"))
            {
                assertThat(outA.get(0)).as(where()).contains("code=PARTITION_FULL");
                assertThat(open).hasSize(config.maxTickets());
                refusedSeen++;
                return;
            }
            final boolean ended = account(arriving);
            if (!ended)
            {
                assertThat(outA).as(where()).isEmpty();
                open.put(id, arriving);
                for (final long user : users)
                {
                    ticketOfUser.put(user, id);
                }
            }
            check();
        }

        private void cancel()
        {
            final long id = !open.isEmpty() && random.nextInt(8) != 0 ? anyOpen() : nextTicketId + 5;
            lastCommand = "cancel " + id;
            final long hash = a.engine().stateHash();
            final List<String> outA = a.cancel(id);
            compare(outA, b.cancel(id));
            if (!open.containsKey(id))
            {
                refusedWith(outA, MatchmakerCode.UNKNOWN_TICKET, hash);
                return;
            }
            assertThat(account(null)).isFalse();
            check();
        }

        private void tick(final long time)
        {
            lastCommand = "tick " + time;
            now = time;
            final int before = matchesSeen;
            compare(a.tick(time), b.tick(time));
            account(null);
            if (matchesSeen > before)
            {
                SEEN.add("match on a tick");
            }
            check();
        }

        private void split()
        {
            if (acceptUpper - lower < 2)
            {
                return;
            }
            final int at = lower + 1 + random.nextInt(acceptUpper - lower - 1);
            final SplitMode mode = random.nextBoolean() ? SplitMode.HAND_OVER : SplitMode.KEEP;
            lastCommand = "split " + at + " " + mode;
            compare(a.split(at, mode), b.split(at, mode));
            acceptUpper = at;
            account(null);
            check();
            lastCommand = "extend";
            compare(a.extend(lower, upper), b.extend(lower, upper));
            acceptUpper = upper;
            account(null);
            check();
        }

        private void broken()
        {
            final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(256);
            final Commands commands = new Commands();
            int length = commands.addTicket(bytes, 0, nextTicketId, 9, 1, now, new long[]{nextUserId}, new int[]{lower});
            switch (random.nextInt(6))
            {
                case 0:
                    length = random.nextInt(MessageHeaderEncoder.ENCODED_LENGTH);
                    break;
                case 1:
                    length = MessageHeaderEncoder.ENCODED_LENGTH + random.nextInt(20);
                    break;
                case 2:
                    bytes.putShort(4, (short)(random.nextInt(7000)));
                    break;
                case 3:
                    bytes.putShort(2, (short)(6 + random.nextInt(100)));
                    break;
                case 4:
                    bytes.putShort(0, (short)random.nextInt(20));
                    break;
                default:
                    bytes.putShort(6, (short)0);
                    break;
            }
            lastCommand = "broken";
            final long hash = a.engine().stateHash();
            final List<String> outA = a.apply(bytes, 0, length);
            compare(outA, b.apply(bytes, 0, length));
            assertThat(outA).as(where()).hasSize(1);
            assertThat(outA.get(0)).as(where()).startsWith("CommandRefused");
            assertThat(a.engine().stateHash()).isEqualTo(hash);
            refusedSeen++;
        }

        private void refusedWith(final List<String> out, final MatchmakerCode code, final long hash)
        {
            assertThat(out).as(where()).hasSize(1);
            assertThat(out.get(0)).as(where()).endsWith("code=" + code);
            assertThat(a.engine().stateHash()).as(where()).isEqualTo(hash);
            SEEN.add(code.name());
            refusedSeen++;
        }

        private void compare(final List<String> outA, final List<String> outB)
        {
            assertThat(outB).as(where()).isEqualTo(outA);
            assertThat(b.engine().stateHash()).as(where()).isEqualTo(a.engine().stateHash());
        }

        /**
         * Take in what the engine said since the last look.
         *
         * @return whether the arriving ticket ended at once.
         */
        private boolean account(final Open arriving)
        {
            final Recorder recorder = a.recorder();
            boolean arrivingEnded = false;
            for (; matchesSeen < recorder.matches().size(); matchesSeen++)
            {
                final Match match = recorder.matches().get(matchesSeen);
                checkMatch(match, arriving);
                for (final MatchTicket ticket : match.tickets())
                {
                    if (arriving != null && ticket.ticketId() == arriving.id())
                    {
                        arrivingEnded = true;
                    }
                    else
                    {
                        end(ticket.ticketId());
                    }
                }
                SEEN.add("MatchFound");
            }
            for (; expiredSeen < recorder.expired().size(); expiredSeen++)
            {
                final Recorder.Ended ended = recorder.expired().get(expiredSeen);
                assertThat(ended.time()).isEqualTo(now);
                if (arriving != null && ended.ticketId() == arriving.id())
                {
                    assertThat(arriving.created() + rules.maxWaitMs()).isLessThanOrEqualTo(now);
                    arrivingEnded = true;
                    SEEN.add("expired on arrival");
                }
                else
                {
                    final Open ticket = end(ended.ticketId());
                    assertThat(ticket.created() + rules.maxWaitMs()).as(where()).isLessThanOrEqualTo(now);
                }
                SEEN.add("TicketExpired");
            }
            for (; cancelledSeen < recorder.cancelled().size(); cancelledSeen++)
            {
                end(recorder.cancelled().get(cancelledSeen).ticketId());
                SEEN.add("TicketCancelled");
            }
            for (; handedOverSeen < recorder.handedOver().size(); handedOverSeen++)
            {
                final HandedOver ticket = recorder.handedOver().get(handedOverSeen);
                final Open was = end(ticket.ticketId());
                assertThat(ticket.createdTime()).isEqualTo(was.created());
                assertThat(ticket.users()).isEqualTo(was.users());
                toAbsorb.add(ticket);
                SEEN.add("TicketHandedOver");
            }
            if (!recorder.rangeChanges().isEmpty())
            {
                SEEN.add("RangeChanged");
            }
            return arrivingEnded;
        }

        private Open end(final long ticketId)
        {
            final Open ticket = open.remove(ticketId);
            assertThat(ticket).as(where() + ": ticket " + ticketId + " ends but is not waiting").isNotNull();
            for (final long user : ticket.users())
            {
                ticketOfUser.remove(user);
            }
            return ticket;
        }

        private void checkMatch(final Match match, final Open arriving)
        {
            assertThat(match.time()).isEqualTo(now);
            final List<Open> tickets = new ArrayList<>();
            final Map<Long, Integer> teamOfTicket = new HashMap<>();
            for (final MatchTicket t : match.tickets())
            {
                final Open ticket = arriving != null && t.ticketId() == arriving.id() ? arriving : open.get(t.ticketId());
                assertThat(ticket).as(where() + ": matched ticket " + t.ticketId() + " is not waiting").isNotNull();
                assertThat(teamOfTicket.put(t.ticketId(), t.team())).as("a ticket once in a match").isNull();
                assertThat(t.rating()).isEqualTo(ticket.rating());
                assertThat(t.createdTime()).isEqualTo(ticket.created());
                tickets.add(ticket);
            }
            final Set<String> expectedPlayers = new HashSet<>();
            for (final Open ticket : tickets)
            {
                for (int m = 0; m < ticket.users().length; m++)
                {
                    expectedPlayers.add(ticket.users()[m] + "/" + ticket.id() + "/" + ticket.ratings()[m] + "/" +
                        teamOfTicket.get(ticket.id()));
                }
                if (ticket.users().length > 1)
                {
                    SEEN.add("match of a party");
                }
            }
            final Set<String> players = new HashSet<>();
            final Set<Long> users = new HashSet<>();
            final int[] fill = new int[rules.teams()];
            final long[] sums = new long[rules.teams()];
            for (final MatchPlayer player : match.players())
            {
                players.add(player.userId() + "/" + player.ticketId() + "/" + player.rating() + "/" + player.team());
                assertThat(users.add(player.userId())).as("no player twice in a match").isTrue();
                fill[player.team()]++;
                sums[player.team()] += player.rating();
            }
            assertThat(players).as(where() + ": players are the tickets' members, a party in one team")
                .isEqualTo(expectedPlayers);
            assertThat(match.players()).hasSize(rules.playersPerMatch());
            for (final int f : fill)
            {
                assertThat(f).as("every team full").isEqualTo(rules.teamSize());
            }

            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (final Open x : tickets)
            {
                min = Math.min(min, x.rating());
                max = Math.max(max, x.rating());
                if (rules.regionStrict())
                {
                    assertThat(x.region()).as("one region").isEqualTo(tickets.get(0).region());
                }
                for (final Open y : tickets)
                {
                    assertThat((long)Math.abs(x.rating() - y.rating())).as(where() + ": in window")
                        .isLessThanOrEqualTo(window(x.created())).isLessThanOrEqualTo(window(y.created()));
                }
            }
            assertThat(match.spread()).isEqualTo(max - min);

            if (rules.teams() > 1 && tickets.size() <= 10)
            {
                final int[] sizes = new int[tickets.size()];
                final long[] partySums = new long[tickets.size()];
                for (int i = 0; i < tickets.size(); i++)
                {
                    sizes[i] = tickets.get(i).users().length;
                    partySums[i] = Arrays.stream(tickets.get(i).ratings()).asLongStream().sum();
                }
                final long best = BestPlacement.difference(sizes, partySums, sizes.length, rules.teams(),
                    rules.teamSize());
                final long actual = Arrays.stream(sums).max().getAsLong() - Arrays.stream(sums).min().getAsLong();
                assertThat(actual).as(where() + ": teams as balanced as can be").isEqualTo(best);
            }
        }

        /**
         * The window as the rules define it, computed here on its own.
         */
        private long window(final long created)
        {
            final long waited = Math.max(0, now - created);
            return Math.min(spec.maxWindow(), spec.initialWindow() + (long)spec.widenBy() * (waited / spec.widenEveryMs()));
        }

        private void check()
        {
            assertThat(a.engine().ticketCount()).as(where()).isEqualTo(open.size());
            for (final Open ticket : open.values())
            {
                assertThat(a.engine().isWaiting(ticket.id())).isTrue();
                assertThat(ticket.created() + rules.maxWaitMs()).as(where() + ": " + ticket + " is due to expire")
                    .isGreaterThan(now);
            }
            if (rules.playersPerMatch() == 2)
            {
                final List<Open> byRating = new ArrayList<>(open.values());
                byRating.sort((x, y) -> Integer.compare(x.rating(), y.rating()));
                for (int i = 0; i < byRating.size(); i++)
                {
                    final Open x = byRating.get(i);
                    for (int j = i + 1; j < byRating.size() && byRating.get(j).rating() - x.rating() <= spec.maxWindow();
                        j++)
                    {
                        final Open y = byRating.get(j);
                        final long distance = y.rating() - x.rating();
                        final boolean meet = (!rules.regionStrict() || x.region() == y.region()) &&
                            distance <= window(x.created()) && distance <= window(y.created());
                        assertThat(meet).as(where() + ": " + x + " and " + y + " could play and still wait").isFalse();
                    }
                }
            }
        }

        private long anyOpen()
        {
            final int skip = random.nextInt(open.size());
            return open.keySet().stream().skip(skip).findFirst().orElseThrow();
        }

        private static int ratingOf(final int[] ratings)
        {
            long sum = 0;
            for (final int r : ratings)
            {
                sum += r;
            }
            return (int)Math.floorDiv(sum, (long)ratings.length);
        }

        private String where()
        {
            return "step " + step + " (" + lastCommand + ", now " + now + ", rules " + rules + ")";
        }
    }
}
