package dev.momo.detectors;

/** Validated, immutable parameters of one detector kind; {@link #newDetector()} builds a fresh detector. */
public sealed interface DetectorParameters permits AdwinParameters, PageHinkleyParameters, CusumParameters,
        KswinParameters, DdmParameters, EddmParameters, HddmAParameters, HddmWParameters {

    DetectorKind kind();

    ChangeDetector newDetector();
}
