package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.InstanceDirectory;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.ServerDirectory;
import io.gamehall.master.directory.User;
import io.gamehall.master.directory.UserDirectory;
import io.gamehall.master.support.RecordingOutput;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where {@link Placement} puts the instances of a lost host, on directories set up directly
 * (no commands): the host with the most free capacity, the lowest id on a tie, instances in id
 * order; what no host can take waits under host 0 until a host of its game type has room.
 */
class PlacementTest
{
    private final RecordingOutput output = new RecordingOutput();
    private final ServerDirectory servers = new ServerDirectory(8);
    private final UserDirectory users = new UserDirectory(32);
    private final InstanceDirectory instances = new InstanceDirectory(16);
    private final Placement placement = new Placement(servers, users, instances, new EgressPublisher(output), 8);
    private long nextUserId = 100;

    @AfterEach
    void indexesStayInStep()
    {
        assertThat(servers.verifyIndexes()).isNull();
        assertThat(users.verifyIndexes()).isNull();
        assertThat(instances.verifyIndexes()).isNull();
    }

    @Test
    void shouldPlaceEachInstanceInIdOrderOnTheHostWithTheMostFreeCapacityLowestIdOnATie()
    {
        final Server lost = host(1, 10, 1);
        host(2, 2, 1);
        host(3, 3, 1);
        instance(11, 1, lost);
        instance(12, 1, lost);
        instance(13, 1, lost);

        loseHost(lost);

        assertThat(hostsOf(11, 12, 13)).as("3 has most room; then 2 and 3 tie; then 3").containsExactly(3L, 2L, 3L);
        assertThat(output.lines()).filteredOn(line -> line.contains("RestoreInstance"))
            .extracting(line -> line.substring(0, line.indexOf(')') + 1))
            .containsExactly("event(to=3)", "event(to=2)", "event(to=3)");
        assertThat(servers.get(2).assigned()).isEqualTo(1);
        assertThat(servers.get(3).assigned()).isEqualTo(2);
    }

    @Test
    void shouldCountReportedLoadAndSkipHostsOfOtherGameTypes()
    {
        final Server lost = host(1, 10, 1);
        final Server busy = host(2, 10, 1);
        servers.heartbeat(busy, 9, 0);
        host(3, 10, 2);
        host(4, 3, 1, 2);
        instance(11, 1, lost);

        loseHost(lost);

        assertThat(hostsOf(11)).containsExactly(4L);
    }

    @Test
    void shouldLeaveWhatNoHostCanTakeWaitingUntilAHostOfItsTypeHasRoom()
    {
        final Server lost = host(1, 10, 1);
        final Server full = host(2, 1, 1);
        servers.heartbeat(full, 1, 0);
        instance(11, 1, lost);
        instance(12, 1, lost);

        loseHost(lost);

        assertThat(instances.get(11).state()).isEqualTo(InstanceState.SUSPENDED);
        assertThat(hostsOf(11, 12)).containsExactly(0L, 0L);
        assertThat(instances.hasUnplaced()).isTrue();
        assertThat(output.lines()).isEmpty();

        final Server other = host(3, 5, 2);
        placement.placeOrphans(other);
        assertThat(hostsOf(11, 12)).as("a host of another game type takes none").containsExactly(0L, 0L);

        final Server small = host(4, 1, 1);
        placement.placeOrphans(small);
        assertThat(hostsOf(11, 12)).as("room for one: the lowest id").containsExactly(4L, 0L);

        servers.heartbeat(full, 0, 0);
        placement.placeOrphans(full);
        assertThat(hostsOf(11, 12)).containsExactly(4L, 2L);
        assertThat(instances.hasUnplaced()).isFalse();
    }

    @Test
    void shouldPlaceNoOrphanWhenTheHostThatChangedIsNotActive()
    {
        final Server lost = host(1, 10, 1);
        instance(11, 1, lost);
        loseHost(lost);
        final Server draining = host(2, 5, 1);
        servers.setState(draining, ServerState.DRAINING);

        placement.placeOrphans(draining);

        assertThat(hostsOf(11)).containsExactly(0L);
        assertThat(output.lines()).isEmpty();
    }

    @Test
    void shouldTellEachGatewayWithPlayersOnceAndTheHostEveryPlayer()
    {
        final Server lost = host(1, 10, 1);
        host(2, 10, 1);
        final Instance instance = instance(11, 1, lost, 20, 20, 21, 0);

        loseHost(lost);

        final List<String> lines = output.lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("event(to=2) RestoreInstance hostId=2 instanceId=11")
            .contains("gatewayId=20").contains("gatewayId=21").contains("gatewayId=0");
        assertThat(lines.get(1)).startsWith("event(to=20) InstanceMoved gatewayId=20 instanceId=11 hostId=2");
        assertThat(lines.get(2)).startsWith("event(to=21) InstanceMoved gatewayId=21 instanceId=11 hostId=2");
        assertThat(instance.state()).as("until its new host reports it ready").isEqualTo(InstanceState.SUSPENDED);
    }

    /**
     * What losing a host does around placement: suspend, the host can no longer be chosen, re-place.
     */
    private void loseHost(final Server host)
    {
        placement.suspendInstancesOf(host);
        assertThat(host.assigned()).isZero();
        servers.setState(host, ServerState.DEAD);
        placement.placeSuspended();
    }

    private Server host(final long id, final int capacity, final int... gameTypes)
    {
        final byte[] name = bytes("host-" + id);
        final byte[] endpoint = bytes("aeron:udp?endpoint=127.0.0.1:" + (40000 + id));
        final byte[] version = bytes("1");
        return servers.add(id, ServerRole.GAME_HOST, capacity, gameTypes, gameTypes.length, name, name.length, endpoint,
            endpoint.length, version, version.length, 0);
    }

    /**
     * An OPEN instance on a host, its owner and players checked in on the given gateways (0:
     * detached); with no gateways, one owner on gateway 20.
     */
    private Instance instance(final long id, final int gameType, final Server host, final long... gateways)
    {
        final long[] seats = gateways.length == 0 ? new long[] {20} : gateways;
        final User owner = user(seats[0]);
        final Instance instance = instances.add(id, gameType, host.id(), owner.id(), 8, 0, 0, 0, 0);
        users.seat(owner, id);
        for (int i = 1; i < seats.length; i++)
        {
            final User player = user(seats[i]);
            instances.addPlayer(instance, player.id());
            users.seat(player, id);
        }
        instances.setState(instance, InstanceState.OPEN);
        servers.addAssigned(host, 1);
        return instance;
    }

    private User user(final long gatewayId)
    {
        final long id = nextUserId++;
        final byte[] name = bytes("user-" + id);
        final User user = users.add(id, name, name.length, gatewayId == 0 ? 99 : gatewayId, 0);
        if (gatewayId == 0)
        {
            users.detach(user);
        }
        return user;
    }

    private List<Long> hostsOf(final long... instanceIds)
    {
        final Long[] hosts = new Long[instanceIds.length];
        for (int i = 0; i < instanceIds.length; i++)
        {
            hosts[i] = instances.get(instanceIds[i]).hostId();
        }
        return List.of(hosts);
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
