package dev.momo.profile;

import java.util.List;

/**
 * Reference frequencies of a categorical column.
 *
 * @param categories the reference categories, most frequent first
 * @param counts reference count of each category, same order
 */
public record CategoricalSummary(List<String> categories, double[] counts) {

    public CategoricalSummary {
        categories = List.copyOf(categories);
        if (counts.length != categories.size()) {
            throw new IllegalArgumentException("counts has " + counts.length + " entries but there are "
                    + categories.size() + " categories");
        }
    }
}
