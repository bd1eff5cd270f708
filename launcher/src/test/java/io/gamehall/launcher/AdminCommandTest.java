package io.gamehall.launcher;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.PendingRequests;
import io.gamehall.replication.support.MasterCalls;
import io.gamehall.replication.support.TestCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall admin} through the real command line against an in-process one-node master:
 * what it prints, and its exit codes for success, failure and bad usage.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandTest
{
    private static final String SECRET = TestCluster.SECRETS.get(ClientRole.ADMIN);

    private TestCluster cluster;
    private MasterCalls host;
    private MasterCalls gateway;
    private long hostId;
    private long gatewayId;
    private final List<Long> instanceIds = new ArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
    private StringWriter out;
    private StringWriter err;
    private final java.util.Map<String, String> environment = new java.util.HashMap<>();
    private java.io.File dir;

    @org.junit.jupiter.api.BeforeEach
    void adminSecretInTheEnvironment()
    {
        environment.clear();
        environment.put(SecretKind.ADMIN.environmentVariable(), SECRET);
    }

    @BeforeAll
    void startMaster() throws Exception
    {
        dir = java.nio.file.Files.createTempDirectory("gamehall-admin-test-").toFile();
        cluster = TestCluster.start(1);
        host = calls(ClientRole.HOST);
        gateway = calls(ClientRole.GATEWAY);
        hostId = host.ok("RegisterServer role=GAME_HOST capacity=100 gameTypes=1,2 name=host-a " +
            "endpoint=aeron:udp?endpoint=127.0.0.1:40001 softwareVersion=1");
        gatewayId = gateway.ok("RegisterServer role=GATEWAY capacity=1000 name=gw-a " +
            "endpoint=ws://127.0.0.1:8080/game softwareVersion=1");
        heartbeats.scheduleAtFixedRate(() ->
        {
            host.call("ServerHeartbeat serverId=" + hostId + " load=0");
            gateway.call("ServerHeartbeat serverId=" + gatewayId + " load=0");
        }, 0, 1, TimeUnit.SECONDS);
        for (int userId = 1; userId <= 150; userId++)
        {
            gateway.ok("CheckInUser gatewayId=" + gatewayId + " userId=" + userId + " userName=player-" + userId);
            if (userId % 2 == 1)
            {
                instanceIds.add(gateway.ok("CreateInstance ownerId=" + userId + " gameType=" + (1 + userId / 2 % 2) +
                    " maxPlayers=4"));
            }
        }
    }

    @AfterAll
    void stopMaster() throws InterruptedException
    {
        heartbeats.shutdownNow();
        heartbeats.awaitTermination(30, TimeUnit.SECONDS);
        if (cluster != null)
        {
            cluster.close();
        }
        org.agrona.IoUtil.delete(dir, true);
    }

    @Test
    void serversArePrintedAsATable()
    {
        assertThat(admin("servers")).isZero();

        final String[] lines = out.toString().split("\n");
        assertThat(lines[0]).matches("ID +NAME +ROLE +STATE +LOAD/CAPACITY +ASSIGNED +ENDPOINT +LAST HEARTBEAT");
        assertThat(out.toString())
            .containsPattern("\n" + hostId + " +host-a +GAME_HOST +ACTIVE +0/100 +75 +aeron:udp\\?endpoint=127.0.0.1:40001 +20")
            .containsPattern("\n" + gatewayId + " +gw-a +GATEWAY +ACTIVE +0/1000 +\\d+ +ws://127.0.0.1:8080/game ");
        assertThat(lines[lines.length - 1]).matches("\\(\\d+ servers\\)");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void usersArePrintedAcrossAllPages()
    {
        assertThat(admin("users")).isZero();

        final String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(1 + 150 + 1);
        assertThat(lines[0]).matches("ID +NAME +STATE +GATEWAY +INSTANCE +CHECKED IN");
        assertThat(lines[1]).matches("1 +player-1 +IN_INSTANCE +" + gatewayId + " +" + instanceIds.get(0) + " +20.*Z");
        assertThat(lines[2]).matches("2 +player-2 +ONLINE +" + gatewayId + " +0 +20.*Z");
        assertThat(lines[150]).startsWith("150 ");
        assertThat(lines[151]).isEqualTo("(150 users)");
    }

    @Test
    void usersAsJsonLines()
    {
        assertThat(admin("users", "--json")).isZero();

        final String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(150);
        assertThat(lines[1]).matches("\\{\"userId\":2,\"state\":\"ONLINE\",\"gatewayId\":" + gatewayId +
            ",\"instanceId\":0,\"checkInTime\":\\d+,\"name\":\"player-2\"}");
    }

    @Test
    void instancesAsTableAndJson()
    {
        assertThat(admin("instances")).isZero();
        final String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(1 + 75 + 1);
        assertThat(lines[0]).matches("ID +GAME +STATE +HOST +OWNER +PLAYERS +REGION +MODE +RATING +CREATED");
        assertThat(lines[1]).matches(instanceIds.get(0) + " +1 +CREATING +" + hostId + " +1 +1/4 +0 +0 +0 +20.*Z");
        assertThat(lines[2]).matches(instanceIds.get(1) + " +2 +CREATING .*");
        assertThat(lines[76]).isEqualTo("(75 instances)");

        assertThat(admin("instances", "--json")).isZero();
        final String[] json = out.toString().split("\n");
        assertThat(json).hasSize(75);
        assertThat(json[74]).startsWith("{\"instanceId\":" + instanceIds.get(74) + ",\"gameType\":")
            .contains("\"ownerId\":149,\"maxPlayers\":4,\"playerCount\":1,");
    }

    @Test
    void drainByNameAndDeregisterById()
    {
        final long spareId = host.ok("RegisterServer role=GAME_HOST capacity=5 gameTypes=9 name=host-spare " +
            "endpoint=e softwareVersion=1");

        assertThat(admin("drain", "host-spare")).isZero();
        assertThat(out.toString()).isEqualTo("server " + spareId + " (host-spare, GAME_HOST) is DRAINING: " +
            "it takes no new work\n");
        assertThat(admin("servers", "--json")).isZero();
        assertThat(out.toString()).contains("{\"serverId\":" + spareId + ",\"role\":\"GAME_HOST\",\"state\":\"DRAINING\"");

        assertThat(admin("deregister", String.valueOf(spareId))).isZero();
        assertThat(out.toString()).isEqualTo("server " + spareId + " (host-spare, GAME_HOST) deregistered\n");
        assertThat(admin("servers")).isZero();
        assertThat(out.toString()).doesNotContain("host-spare");
    }

    @Test
    void anUnknownServerFailsWithExitCodeOne()
    {
        assertThat(admin("drain", "no-such-host")).isEqualTo(1);
        assertThat(err.toString()).contains("error: no server with name or id 'no-such-host'");
        assertThat(admin("deregister", "987654")).isEqualTo(1);
        assertThat(err.toString()).contains("error: no server with name or id '987654'");
    }

    @Test
    void aWrongSecretIsReportedAsRefused()
    {
        environment.put(SecretKind.ADMIN.environmentVariable(), "a-wrong-admin-secret-but-long-enough-0123");
        assertThat(run("admin", "servers", "--masters", cluster.ingressEndpoints(), "--timeout-ms", "10000"))
            .isEqualTo(1);
        assertThat(err.toString()).contains("error: the master at " + cluster.ingressEndpoints() +
            " refused the admin secret");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingDevelopmentOrShortSecretIsRefusedBeforeConnecting()
    {
        environment.clear();
        assertThat(run("admin", "servers", "--masters", cluster.ingressEndpoints())).isEqualTo(2);
        assertThat(err.toString()).contains("error: no admin secret configured", "--admin-secret-file FILE",
            "GAMEHALL_ADMIN_SECRET");

        environment.put(SecretKind.ADMIN.environmentVariable(), DevSecrets.ADMIN);
        assertThat(run("admin", "servers", "--masters", cluster.ingressEndpoints())).isEqualTo(2);
        assertThat(err.toString()).contains("public development value");

        environment.put(SecretKind.ADMIN.environmentVariable(), "admin-s");
        assertThat(run("admin", "servers", "--masters", cluster.ingressEndpoints())).isEqualTo(2);
        assertThat(err.toString()).contains("has 7 bytes; at least 32");
        assertThat(out.toString()).isEmpty();

        environment.clear();
        final String[] file = TestSecrets.fileOption(dir, SecretKind.ADMIN);
        assertThat(run("admin", "servers", "--masters", cluster.ingressEndpoints(), file[0], file[1])).isZero();
        assertThat(out.toString()).contains("host-a");
    }

    @Test
    void devConnectsOnlyToAMasterOnLoopback()
    {
        environment.clear();
        assertThat(run("admin", "servers", "--dev", "--masters", "0=192.0.2.1:9010")).isEqualTo(2);
        assertThat(err.toString()).contains("--masters names 192.0.2.1, not loopback");
    }

    @Test
    void anUnreachableMasterFailsWithinTheTimeout()
    {
        final String nowhere = "0=127.0.0.1:" + TestCluster.freeMembers(1).get(0).split(":")[1];
        final long start = System.currentTimeMillis();

        assertThat(run("admin", "users", "--dev", "--masters", nowhere, "--timeout-ms", "1500")).isEqualTo(1);

        assertThat(System.currentTimeMillis() - start).isLessThan(15_000);
        assertThat(err.toString()).contains("error: no master reachable at " + nowhere + " within 1500 ms");
    }

    @Test
    void badUsageExitsWithTwo()
    {
        assertThat(run("admin")).isEqualTo(2);
        assertThat(err.toString()).contains("name a subcommand").contains("servers").contains("drain");

        assertThat(run("admin", "drain")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required parameter: 'SERVER'");

        assertThat(run("admin", "servers", "--masters", "localhost")).isEqualTo(2);
        assertThat(err.toString()).contains("--masters wants id=host:port");

        assertThat(run("admin", "users", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void helpExplainsEachSubcommand()
    {
        assertThat(run("admin", "--help")).isZero();
        assertThat(out.toString()).contains("servers", "users", "instances", "drain", "deregister", "Exit codes");

        assertThat(run("admin", "drain", "--help")).isZero();
        assertThat(out.toString()).contains("SERVER", "name or id", "--masters", "--admin-secret", "--timeout-ms",
            "--admin-secret-file", "--dev", "GAMEHALL_ADMIN_SECRET", "0=127.0.0.1:9010");

        assertThat(run("admin", "users", "--help")).isZero();
        assertThat(out.toString()).contains("--json", "detached");
    }

    private int admin(final String... args)
    {
        final List<String> line = new ArrayList<>(List.of("admin"));
        line.addAll(List.of(args));
        line.addAll(List.of("--masters", cluster.ingressEndpoints()));
        return run(line.toArray(new String[0]));
    }

    private int run(final String... args)
    {
        out = new StringWriter();
        err = new StringWriter();
        final CommandLine commandLine = Gamehall.commandLine(environment::get);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private MasterCalls calls(final ClientRole role)
    {
        final PendingRequests requests = new PendingRequests(null, null);
        cluster.client(role, requests);
        return new MasterCalls(requests);
    }
}
