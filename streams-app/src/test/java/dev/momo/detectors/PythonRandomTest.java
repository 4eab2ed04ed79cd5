package dev.momo.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outputs of CPython 3.11's {@code random.Random(seed)} (python_random.json). */
class PythonRandomTest {

    private static final JsonNode DATA = DetectorData.resource("python_random.json");

    @Test
    void wordsMatchGetrandbits32() {
        final Iterator<Map.Entry<String, JsonNode>> seeds = DATA.get("words").fields();
        while (seeds.hasNext()) {
            final Map.Entry<String, JsonNode> seed = seeds.next();
            final PythonRandom random = new PythonRandom(Long.parseLong(seed.getKey()));
            final JsonNode words = seed.getValue();
            for (int i = 0; i < words.size(); i++) {
                assertThat(Integer.toUnsignedLong(random.nextInt32())).as("word %d of seed %s", i, seed.getKey())
                        .isEqualTo(words.get(i).asLong());
            }
        }
    }

    @Test
    void samplesMatchRandomSample() {
        for (final JsonNode testCase : DATA.get("samples")) {
            final PythonRandom random = new PythonRandom(testCase.get("seed").asLong());
            final int n = testCase.get("n").asInt();
            final int k = testCase.get("k").asInt();
            final int[] drawn = new int[k];
            for (final JsonNode expected : testCase.get("draws")) {
                random.sample(n, k, drawn);
                final int[] wanted = new int[k];
                for (int i = 0; i < k; i++) {
                    wanted[i] = expected.get(i).asInt();
                }

                assertThat(drawn).as("sample(range(%d), %d) with seed %s", n, k, testCase.get("seed")).containsExactly(wanted);
            }
        }
    }
}
