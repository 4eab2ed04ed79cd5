package dev.momo.performance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The ordered class names of a classifier. Class indices used by the windows and metrics are positions
 * in this list.
 *
 * <p>Order: numeric order when every name is a number, otherwise {@link String} order. This is the order
 * of {@code numpy.unique}, which scikit-learn uses to index the columns of predicted probabilities, so
 * that the metrics here match scikit-learn's for the same class list.
 *
 * <p>Names are canonical: a name that parses as an integral number within 2^53 is written without a
 * fraction, so that the label {@code 1.0} of a file and the prediction {@code 1} of a model name the same
 * class. Other names are kept as given, trimmed.
 *
 * <p>Binary classifiers have two classes and a positive class (scikit-learn's {@code pos_label}): by
 * default the second in order, which is {@code 1} for 0/1 labels. Precision, recall, F1 and the
 * probability of a binary model refer to the positive class.
 */
public final class ClassLabels {

    /** Index of "no label" in the windows. */
    public static final int NO_LABEL = -1;

    private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992.0;

    private final List<String> names;
    private final int positiveIndex;
    private final Map<String, Integer> indexByName;

    private ClassLabels(final List<String> names, final int positiveIndex) {
        this.names = List.copyOf(names);
        this.positiveIndex = positiveIndex;
        this.indexByName = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            indexByName.put(names.get(i), i);
        }
    }

    /**
     * Returns the classes named, in the documented order; two classes make a binary classifier whose
     * positive class is the second.
     *
     * @throws IllegalArgumentException when fewer than two distinct names are given, or a name is blank
     */
    public static ClassLabels of(final Collection<String> classNames) {
        final TreeSet<String> distinct = new TreeSet<>();
        for (final String name : classNames) {
            distinct.add(canonical(name));
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 distinct classes, got " + distinct);
        }
        final List<String> ordered = new ArrayList<>(distinct);
        ordered.sort(order(ordered));
        return new ClassLabels(ordered, ordered.size() == 2 ? 1 : -1);
    }

    /** Returns a binary classifier's classes with an explicit positive class. */
    public static ClassLabels binary(final String negativeClass, final String positiveClass) {
        final ClassLabels classes = of(List.of(negativeClass, positiveClass));
        return new ClassLabels(classes.names, classes.indexOf(canonical(positiveClass)));
    }

    /**
     * Returns the canonical form of a class name: integral numbers without a fraction ({@code "1.0"}
     * becomes {@code "1"}), other text trimmed.
     */
    public static String canonical(final String name) {
        final String trimmed = requireName(name);
        return isNumber(trimmed) ? canonical(Double.parseDouble(trimmed)) : trimmed;
    }

    /** Returns the canonical class name of a numeric label, as {@link #canonical(String)} defines it. */
    public static String canonical(final double label) {
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("class label " + label + " is not a finite number");
        }
        if (label == Math.rint(label) && Math.abs(label) <= MAX_EXACT_INTEGER) {
            return Long.toString((long) label);
        }
        return Double.toString(label);
    }

    private static String requireName(final String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("class name is missing or blank: '" + name + "'");
        }
        return name.trim();
    }

    /** Returns true for decimal numbers. Java suffixes such as {@code 1d}, NaN and infinities count as text. */
    private static boolean isNumber(final String name) {
        if (Character.isLetter(name.charAt(name.length() - 1))) {
            return false;
        }
        try {
            return Double.isFinite(Double.parseDouble(name));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Comparator<String> order(final List<String> names) {
        for (final String name : names) {
            if (!isNumber(name)) {
                return Comparator.naturalOrder();
            }
        }
        return Comparator.comparingDouble(Double::parseDouble);
    }

    public int size() {
        return names.size();
    }

    public boolean isBinary() {
        return names.size() == 2;
    }

    public List<String> names() {
        return names;
    }

    public String name(final int index) {
        return names.get(index);
    }

    /** Returns the index of the positive class of a binary classifier, or -1 for more than two classes. */
    public int positiveIndex() {
        return positiveIndex;
    }

    /** Returns the index of a class name (canonicalized first), or -1 when it is not one of these classes. */
    public int indexOf(final String name) {
        if (name == null || name.isBlank()) {
            return -1;
        }
        return indexByName.getOrDefault(canonical(name), -1);
    }

    /**
     * Returns the index of a class name.
     *
     * @throws IllegalArgumentException naming the value and the known classes when it is not one of them
     */
    public int requireIndex(final String name, final String role) {
        final int index = indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(role + " '" + name + "' is not a known class; the model's classes are "
                    + names);
        }
        return index;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof ClassLabels that && names.equals(that.names) && positiveIndex == that.positiveIndex;
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + positiveIndex;
    }

    @Override
    public String toString() {
        return positiveIndex < 0 ? names.toString() : names + " (positive " + names.get(positiveIndex) + ")";
    }
}
