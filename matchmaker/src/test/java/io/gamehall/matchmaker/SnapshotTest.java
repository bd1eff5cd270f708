package io.gamehall.matchmaker;

import io.gamehall.matchmaker.PartitionSnapshotLoader.SnapshotException;
import io.gamehall.matchmaker.support.Partition;
import io.gamehall.sbe.matchmaker.SplitMode;
import io.gamehall.sbe.matchmaker.snapshot.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.snapshot.PartitionSnapshotEndEncoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest
{
    private static QueueRules rules()
    {
        return new QueueRules().playersPerMatch(4).teams(2).teamSize(2)
            .initialWindow(20).widenBy(30).widenEveryMs(5_000).maxWindow(200).maxWaitMs(120_000).regionStrict(true);
    }

    private static PartitionConfig config()
    {
        return new PartitionConfig().queueId(2).lower(0).upper(5_000).maxTickets(100).maxRegions(4);
    }

    private static Partition busy()
    {
        final Partition p = new Partition(rules(), config());
        p.tick(50_000);
        p.add(1, 1, 40_000, new long[]{11, 12}, new int[]{1500, 1600});
        p.add(2, 2, 42_000, new long[]{21}, new int[]{1500});
        p.add(3, 1, 49_000, new long[]{31}, new int[]{1900});
        p.add(4, 1, 1_000, new long[]{41}, new int[]{4990});
        p.add(5, 1, 50_000, new long[]{51}, new int[]{1540});
        p.add(6, 1, 50_000, new long[]{61}, new int[]{1530});
        p.split(4000, SplitMode.KEEP);
        return p;
    }

    @Test
    void shouldRestoreTheSameStateAndWriteTheSameBytes()
    {
        final Partition p = busy();
        assertThat(p.recorder().matches()).hasSize(1);
        final Partition restored = p.restored();
        assertThat(restored.engine().stateHash()).isEqualTo(p.engine().stateHash());
        assertThat(restored.engine().ticketCount()).isEqualTo(p.engine().ticketCount()).isEqualTo(3);
        assertThat(restored.engine().upper()).isEqualTo(4000);
        assertThat(restored.engine().now()).isEqualTo(50_000);
        assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(p.snapshot());
    }

    @Test
    void shouldGoOnAfterARestoreExactlyAsTheOriginal()
    {
        final Partition p = busy();
        final Partition restored = p.restored();
        for (final Partition each : List.of(p, restored))
        {
            each.tick(55_000);
            each.add(7, 2, 55_000, new long[]{71, 72}, new int[]{1480, 1530});
            each.add(8, 2, 55_000, new long[]{81}, new int[]{1490});
            each.tick(70_000);
            each.add(9, 1, 70_000, new long[]{91}, new int[]{1910});
            each.add(10, 1, 70_000, new long[]{101, 102}, new int[]{1880, 1900});
            each.tick(200_000);
        }
        assertThat(restored.recorder().lines()).isEqualTo(p.recorder().lines().subList(
            p.recorder().lines().size() - restored.recorder().lines().size(), p.recorder().lines().size()));
        assertThat(restored.recorder().matches()).hasSize(2);
        assertThat(restored.recorder().expired()).isNotEmpty();
        assertThat(restored.engine().stateHash()).isEqualTo(p.engine().stateHash());
    }

    @Test
    void shouldHashEqualStatesEquallyAndDifferentStatesDifferently()
    {
        final Partition a = busy();
        final Partition b = busy();
        assertThat(a.engine().stateHash()).isEqualTo(b.engine().stateHash());
        b.tick(50_001);
        assertThat(b.engine().stateHash()).isNotEqualTo(a.engine().stateHash());
        a.tick(50_001);
        a.cancel(3);
        b.cancel(2);
        assertThat(b.engine().stateHash()).isNotEqualTo(a.engine().stateHash());
    }

    @Test
    void shouldRefuseASnapshotWithoutItsEndMarker()
    {
        final List<byte[]> snapshot = busy().snapshot();
        snapshot.remove(snapshot.size() - 1);
        assertThatThrownBy(() -> Partition.loaded(Partition.copyOf(rules()), config(), snapshot))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("no end marker");
    }

    @Test
    void shouldRefuseASnapshotTakenUnderOtherRules()
    {
        final List<byte[]> snapshot = busy().snapshot();
        assertThatThrownBy(() -> Partition.loaded(rules().maxWaitMs(60_000), config(), snapshot))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("snapshot taken under other rules");
    }

    @Test
    void shouldRefuseASnapshotOfAnotherQueue()
    {
        final List<byte[]> snapshot = busy().snapshot();
        assertThatThrownBy(() -> Partition.loaded(rules(), config().queueId(3), snapshot))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("snapshot of queue 2");
    }

    @Test
    void shouldRefuseASnapshotWhoseHashDisagrees()
    {
        final List<byte[]> snapshot = busy().snapshot();
        final byte[] end = snapshot.get(snapshot.size() - 1);
        end[MessageHeaderEncoder.ENCODED_LENGTH + PartitionSnapshotEndEncoder.stateHashEncodingOffset()] ^= 1;
        assertThatThrownBy(() -> Partition.loaded(rules(), config(), snapshot))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("state hash");
    }

    @Test
    void shouldRefuseRecordsOutOfPlace()
    {
        final List<byte[]> snapshot = busy().snapshot();
        final List<byte[]> noBegin = new ArrayList<>(snapshot.subList(1, snapshot.size()));
        assertThatThrownBy(() -> Partition.loaded(rules(), config(), noBegin))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("begin marker");

        final List<byte[]> twice = new ArrayList<>(snapshot);
        twice.add(3, snapshot.get(2));
        assertThatThrownBy(() -> Partition.loaded(rules(), config(), twice))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("twice");

        final List<byte[]> swapped = new ArrayList<>(snapshot);
        swapped.set(2, snapshot.get(3));
        swapped.set(3, snapshot.get(2));
        assertThatThrownBy(() -> Partition.loaded(rules(), config(), swapped))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("out of waiting order");

        final List<byte[]> after = new ArrayList<>(snapshot);
        after.add(snapshot.get(2));
        assertThatThrownBy(() -> Partition.loaded(rules(), config(), after))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("after the end marker");
    }

    @Test
    void shouldRefuseASnapshotWithMoreTicketsThanFit()
    {
        final List<byte[]> snapshot = busy().snapshot();
        assertThatThrownBy(() -> Partition.loaded(rules(), config().maxTickets(2), snapshot))
            .isInstanceOf(SnapshotException.class).hasMessageContaining("more tickets than this partition holds");
    }

    @Test
    void shouldLoadOnlyIntoAFreshEngine()
    {
        final Partition p = busy();
        assertThatIllegalArgumentException().isThrownBy(() -> new PartitionSnapshotLoader(p.engine()));
    }
}
