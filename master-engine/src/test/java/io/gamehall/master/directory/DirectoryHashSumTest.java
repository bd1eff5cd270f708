package io.gamehall.master.directory;

import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.UserState;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user and instance directories keep the sum of their entities' hashes right through every
 * method that changes an entity; a method that forgets to rehash fails here, and a new public
 * method must be added to the lists below (as a change or as read-only) before this passes.
 */
class DirectoryHashSumTest
{
    private static final Set<String> USER_CHANGES = Set.of("add", "restore", "attach", "detach", "seat", "unseat", "remove");
    private static final Set<String> USER_READS = Set.of("size", "isFull", "get", "capacity", "atOrAfterSlot", "findByName",
        "idsOnGateway", "anyOnGateway", "hashSum", "recomputeHashSum", "slotsInIdOrder", "atSlot", "sortedIds", "verifyIndexes");
    private static final Set<String> INSTANCE_CHANGES = Set.of("add", "restore", "restorePlayer", "indexRestored", "setState",
        "suspend", "moveToHost", "addPlayer", "removePlayer", "remove");
    private static final Set<String> INSTANCE_READS = Set.of("typeStateRegionKey", "typeStateKey", "size", "isFull", "get",
        "capacity", "atOrAfterSlot", "hasUnplaced", "idsOnHost", "firstOfTypeAndState", "nextOfTypeAndState", "search",
        "searchCursor", "hashSum", "recomputeHashSum", "slotsInIdOrder", "atSlot", "sortedIds", "verifyIndexes");

    @Test
    void shouldListEveryPublicMethodOfTheDirectories()
    {
        assertThat(publicMethods(UserDirectory.class)).isEqualTo(union(USER_CHANGES, USER_READS));
        assertThat(publicMethods(InstanceDirectory.class)).isEqualTo(union(INSTANCE_CHANGES, INSTANCE_READS));
    }

    @Test
    void shouldKeepTheUsersHashSumThroughEveryChange()
    {
        final UserDirectory users = new UserDirectory(8);
        final Set<String> exercised = new TreeSet<>();
        final long empty = users.hashSum();
        assertThat(empty).isZero();

        final User a = users.add(10, bytes("alice"), 5, 1, 100);
        final User b = users.add(11, bytes("bob"), 3, 1, 101);
        long before = check(users, empty, "add", exercised);
        users.attach(a, 2, 200);
        before = check(users, before, "attach", exercised);
        users.detach(b);
        before = check(users, before, "detach", exercised);
        users.seat(a, 77);
        before = check(users, before, "seat", exercised);
        users.unseat(a);
        before = check(users, before, "unseat", exercised);
        users.remove(b);
        before = check(users, before, "remove", exercised);
        users.restore(5, 12, UserState.IN_INSTANCE, 3, 78, 300, bytes("carol"), 5);
        check(users, before, "restore", exercised);

        assertThat(exercised).isEqualTo(USER_CHANGES);
        users.remove(users.get(12));
        users.remove(a);
        assertThat(users.hashSum()).isEqualTo(empty);
    }

    @Test
    void shouldKeepTheInstancesHashSumThroughEveryChange()
    {
        final InstanceDirectory instances = new InstanceDirectory(8);
        final Set<String> exercised = new TreeSet<>();
        final long empty = instances.hashSum();

        final Instance a = instances.add(1, 1, 5, 100, 4, 2, 0, 1, 1_000);
        long before = check(instances, empty, "add", exercised);
        instances.addPlayer(a, 101);
        before = check(instances, before, "addPlayer", exercised);
        instances.addPlayer(a, 102);
        instances.removePlayer(a, 101);
        before = check(instances, before, "removePlayer", exercised);
        instances.setState(a, InstanceState.OPEN);
        before = check(instances, before, "setState", exercised);
        instances.moveToHost(a, 6);
        before = check(instances, before, "moveToHost", exercised);
        instances.suspend(a);
        before = check(instances, before, "suspend", exercised);

        final Instance b = instances.restore(4, 2, 1, InstanceState.RUNNING, InstanceState.RUNNING, 5, 200, 4, 2, 0, 1,
            2_000);
        assertThat(instances.hashSum()).as("not in the sum before it is indexed").isEqualTo(before);
        exercised.add("restore");
        instances.restorePlayer(b, 200);
        assertThat(instances.hashSum()).as("not in the sum before it is indexed").isEqualTo(before);
        exercised.add("restorePlayer");
        instances.restorePlayer(b, 201);
        instances.indexRestored(b);
        before = check(instances, before, "indexRestored", exercised);
        instances.remove(a);
        check(instances, before, "remove", exercised);

        assertThat(exercised).isEqualTo(INSTANCE_CHANGES);
        instances.remove(b);
        assertThat(instances.hashSum()).isEqualTo(empty);
    }

    @Test
    void shouldNotChangeTheSumForAStateAnInstanceAlreadyHas()
    {
        final InstanceDirectory instances = new InstanceDirectory(4);
        final Instance a = instances.add(1, 1, 5, 100, 4, 2, 0, 1, 1_000);
        final long sum = instances.hashSum();

        instances.setState(a, InstanceState.CREATING);

        assertThat(instances.hashSum()).isEqualTo(sum).isEqualTo(instances.recomputeHashSum());
    }

    private static long check(final UserDirectory users, final long before, final String change, final Set<String> exercised)
    {
        assertThat(users.hashSum()).as(change + " changes the sum").isNotEqualTo(before);
        assertThat(users.hashSum()).as(change + " keeps the sum equal to a walk").isEqualTo(users.recomputeHashSum());
        exercised.add(change);
        return users.hashSum();
    }

    private static long check(
        final InstanceDirectory instances, final long before, final String change, final Set<String> exercised)
    {
        assertThat(instances.hashSum()).as(change + " changes the sum").isNotEqualTo(before);
        assertThat(instances.hashSum()).as(change + " keeps the sum equal to a walk").isEqualTo(instances.recomputeHashSum());
        exercised.add(change);
        return instances.hashSum();
    }

    private static Set<String> publicMethods(final Class<?> type)
    {
        final Set<String> names = new TreeSet<>();
        for (final Method method : type.getDeclaredMethods())
        {
            if (Modifier.isPublic(method.getModifiers()))
            {
                names.add(method.getName());
            }
        }
        return names;
    }

    private static Set<String> union(final Set<String> a, final Set<String> b)
    {
        final Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static byte[] bytes(final String text)
    {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), User.MAX_NAME_LENGTH);
    }
}
