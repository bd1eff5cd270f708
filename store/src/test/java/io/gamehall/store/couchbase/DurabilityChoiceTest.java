package io.gamehall.store.couchbase;

import io.gamehall.store.CouchbaseDurability;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurabilityChoiceTest
{
    @Test
    void shouldWaitForAMajorityWhenTheBucketHasReplicasOrTheirNumberIsUnknown()
    {
        assertThat(DurabilityChoice.choose(CouchbaseDurability.AUTO, 1)).isEqualTo(CouchbaseDurability.MAJORITY);
        assertThat(DurabilityChoice.choose(CouchbaseDurability.AUTO, 3)).isEqualTo(CouchbaseDurability.MAJORITY);
        assertThat(DurabilityChoice.choose(CouchbaseDurability.AUTO, DurabilityChoice.UNKNOWN_REPLICAS))
            .isEqualTo(CouchbaseDurability.MAJORITY);
    }

    @Test
    void shouldNotWaitWhenTheBucketHasNoReplicas()
    {
        assertThat(DurabilityChoice.choose(CouchbaseDurability.AUTO, 0)).isEqualTo(CouchbaseDurability.NONE);
    }

    @Test
    void shouldKeepALevelChosenExplicitly()
    {
        for (final CouchbaseDurability level : CouchbaseDurability.values())
        {
            if (level != CouchbaseDurability.AUTO)
            {
                assertThat(DurabilityChoice.choose(level, 2)).isEqualTo(level);
                assertThat(DurabilityChoice.choose(level, 0)).isEqualTo(level);
            }
        }
    }
}
