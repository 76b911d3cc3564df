package dev.idle.internal.path;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.data.DataMap;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathResolverTest {

    private static DataMap entitlement(String id) {
        return DataMap.of("Id", id, "Kind", "Group");
    }

    private static DataMap root() {
        return DataMap.of("Request", DataMap.of(
                "Intent", DataMap.of(
                        "Department", "IT",
                        "NullField", null,
                        "Groups", List.of("A", "B", "C"),
                        "Single", List.of("only"),
                        "Empty", List.of(),
                        "Name", "jdoe"),
                "Context", DataMap.of(
                        "Entitlements", List.of(entitlement("g1"), entitlement("g2")),
                        "OneEntitlement", List.of(entitlement("g1")),
                        "Records", List.of(DataMap.of("Count", 7)),
                        "Mixed", Arrays.asList(DataMap.of("Id", "x"), null, DataMap.of("Other", 1)))));
    }

    @Test
    void mapKeyLookupIgnoresCase() {
        assertThat(PathResolver.resolve(root(), "request.INTENT.department")).isEqualTo("IT");
    }

    @Test
    void plainJavaMapsAreAlsoLookedUpIgnoringCase() {
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("Department", "HR");
        assertThat(PathResolver.resolve(DataMap.of("X", plain), "x.DEPARTMENT")).isEqualTo("HR");
    }

    @Test
    void absentKeyResolvesToNull() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Missing")).isNull();
    }

    @Test
    void nullIntermediateResolvesToNull() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.NullField.Deeper")).isNull();
    }

    @Test
    void keyOnAScalarResolvesToNull() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Department.Sub")).isNull();
    }

    @Test
    void listCountIsAProperty() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Groups.Count")).isEqualTo(3);
    }

    @Test
    void listLengthIsAProperty() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Groups.length")).isEqualTo(3);
    }

    @Test
    void stringLengthIsAProperty() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Name.Length")).isEqualTo(4);
    }

    @Test
    void directPropertyWinsOverMemberAccessEnumeration() {
        assertThat(PathResolver.resolve(root(), "Request.Context.Records.Count")).isEqualTo(1);
    }

    @Test
    void memberAccessEnumeratesListOfMaps() {
        assertThat(PathResolver.resolve(root(), "Request.Context.Entitlements.Id")).isEqualTo(List.of("g1", "g2"));
    }

    @Test
    void memberAccessSkipsNullItemsAndGivesNullForItemsLackingTheKey() {
        assertThat(PathResolver.resolve(root(), "Request.Context.Mixed.Id")).isEqualTo(Arrays.asList("x", null));
    }

    @Test
    void memberAccessNeedsTheFirstItemToHaveTheKey() {
        assertThat(PathResolver.resolve(root(), "Request.Context.Mixed.Other")).isNull();
    }

    @Test
    void oneElementListStaysAList() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Single")).isEqualTo(List.of("only"));
    }

    @Test
    void memberAccessOnOneElementListStaysAList() {
        assertThat(PathResolver.resolve(root(), "Request.Context.OneEntitlement.Id")).isEqualTo(List.of("g1"));
    }

    @Test
    void emptyListResolvesToNull() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Empty")).isNull();
    }

    @Test
    void numericSegmentIndexesList() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Groups.1")).isEqualTo("B");
    }

    @Test
    void numericSegmentThenKeyWalksIntoTheItem() {
        assertThat(PathResolver.resolve(root(), "Request.Context.Entitlements.1.Id")).isEqualTo("g2");
    }

    @Test
    void outOfRangeIndexResolvesToNull() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Groups.3")).isNull();
    }

    @Test
    void unknownSegmentOnAListResolvesToNull() {
        assertThat(PathResolver.resolve(root(), "Request.Intent.Groups.Foo")).isNull();
    }

    @Test
    void existsAcceptsAKeyHoldingNull() {
        assertThat(PathResolver.exists(root(), "Request.Intent.NullField")).isTrue();
    }

    @Test
    void existsIgnoresCase() {
        assertThat(PathResolver.exists(root(), "REQUEST.intent.DEPARTMENT")).isTrue();
    }

    @Test
    void existsIsFalseForAnAbsentKey() {
        assertThat(PathResolver.exists(root(), "Request.Intent.Departmnet")).isFalse();
    }

    @Test
    void existsIsFalseBelowANullValue() {
        assertThat(PathResolver.exists(root(), "Request.Intent.NullField.X")).isFalse();
    }

    @Test
    void existsDoesNotEnumerateMembers() {
        assertThat(PathResolver.exists(root(), "Request.Context.Entitlements.Id")).isFalse();
    }

    @Test
    void existsAcceptsAnIndexInRange() {
        assertThat(PathResolver.exists(root(), "Request.Context.Entitlements.0.Id")).isTrue();
    }

    @Test
    void existsRejectsAnIndexOutOfRange() {
        assertThat(PathResolver.exists(root(), "Request.Intent.Groups.3")).isFalse();
    }

    @Test
    void existsAcceptsCountAndLength() {
        assertThat(PathResolver.exists(root(), "Request.Intent.Groups.Count")).isTrue();
        assertThat(PathResolver.exists(root(), "Request.Intent.Name.Length")).isTrue();
    }

    @Test
    void existsAcceptsAKeyHoldingAnEmptyList() {
        assertThat(PathResolver.exists(root(), "Request.Intent.Empty")).isTrue();
    }
}
