package io.gamehall.client;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayListTest
{
    private static final List<String> SEEDS = List.of("ws://a/ws", "ws://b/ws", "ws://c/ws", "ws://d/ws");

    @Test
    void thePreferredGatewayFirstThenEveryOtherOnce()
    {
        final GatewayList list = new GatewayList(SEEDS, 1);

        final List<String> candidates = list.candidates("ws://c/ws");

        assertThat(candidates).hasSize(4).first().isEqualTo("ws://c/ws");
        assertThat(candidates).containsExactlyInAnyOrderElementsOf(SEEDS);
    }

    @Test
    void theOrderFollowsTheSeed()
    {
        assertThat(new GatewayList(SEEDS, 42).candidates(null)).isEqualTo(new GatewayList(SEEDS, 42).candidates(null));
    }

    @Test
    void gatewaysLearnedAndForgotten()
    {
        final GatewayList list = new GatewayList(List.of("ws://a/ws"), 1);

        list.learn(List.of("ws://b/ws", "ws://a/ws"));
        list.forget("ws://a/ws");

        assertThat(list.list()).containsExactly("ws://b/ws");
        assertThat(list.candidates("ws://x/ws")).containsExactly("ws://x/ws", "ws://b/ws");
    }
}
