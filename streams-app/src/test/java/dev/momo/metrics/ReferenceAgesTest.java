package dev.momo.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileJson;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.table.CsvTable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading {@code createdAt} from profile JSON without parsing the whole profile. */
class ReferenceAgesTest {

    @Test
    void readCreatedAt_ofAWrittenProfile() {
        final List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rows.add(new String[] {String.valueOf(i % 17)});
        }
        final ReferenceProfile profile = new ProfileBuilder(new ProfileOptions("fraud", "3", null, null, null, null,
                Set.of(), Set.of(), Set.of(), 50, 10, 2000, 3.0))
                .build(CsvTable.of(Path.of("reference.csv"), List.of("amount"), rows), chunk -> { });

        assertThat(ReferenceAges.readCreatedAt(ProfileJson.toBytes(profile))).contains(profile.createdAt());
    }

    @Test
    void readCreatedAt_ofEpochSeconds() {
        assertThat(read("{\"formatVersion\": 2, \"createdAt\": 1709294400.250}"))
                .contains(Instant.parse("2024-03-01T12:00:00.250Z"));
    }

    @Test
    void readCreatedAt_skipsNestedFields() {
        assertThat(read("{\"columns\": [{\"createdAt\": \"2020-01-01T00:00:00Z\"}], \"checks\": {\"createdAt\": 1},"
                + " \"createdAt\": \"2024-03-01T12:00:00Z\"}")).contains(Instant.parse("2024-03-01T12:00:00Z"));
    }

    @Test
    void readCreatedAt_emptyWhenMissingOrInvalid() {
        assertThat(read("{\"columns\": [{\"createdAt\": \"2020-01-01T00:00:00Z\"}]}")).isEmpty();
        assertThat(read("{\"createdAt\": \"yesterday\"}")).isEmpty();
        assertThat(read("{\"createdAt\": null}")).isEmpty();
        assertThat(read("[\"createdAt\", \"2024-03-01T12:00:00Z\"]")).isEmpty();
        assertThat(read("not json")).isEmpty();
        assertThat(read("")).isEmpty();
    }

    private static Optional<Instant> read(final String json) {
        return ReferenceAges.readCreatedAt(json.getBytes(StandardCharsets.UTF_8));
    }
}
