import { describe, expect, it } from "vitest";
import { agreementOf } from "@/lib/reviews/stats";
import { cohenKappa, describeKappa, fleissKappa, kappaStrength, wilson } from "@/lib/reviews/pure/stats";

// Reference values computed by hand (worked out in the comments) or taken from the published worked examples.

describe("Wilson 95% interval", () => {
  it("8 of 10: p = .8, interval [.4902, .9433]", () => {
    // z² = 3.8415; denom = 1 + z²/n = 1.38415; centre = (.8 + z²/2n) / denom = .992075 / 1.38415 = .71674;
    // half = z·sqrt(p(1-p)/n + z²/4n²) / denom = 1.96·sqrt(.016 + .00960) / 1.38415 = .22658.
    const w = wilson(8, 10);
    expect(w.rate).toBe(0.8);
    expect(w.n).toBe(10);
    expect(w.low).toBeCloseTo(0.4902, 4);
    expect(w.high).toBeCloseTo(0.9433, 4);
  });

  it("0 of 10 and 10 of 10: one side pinned, the other at .2775 / .7225", () => {
    // x = 0: centre = half = (z²/2n) / denom = .192075 / 1.38415 = .13877, so [0, .27753].
    const none = wilson(0, 10);
    expect(none.rate).toBe(0);
    expect(none.low).toBeCloseTo(0, 10);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilson(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBeCloseTo(1, 10);
  });

  it("1 of 2 is wide and symmetric: [.0945, .9055]", () => {
    // p = .5, n = 2: denom = 2.92075; centre = .5; half = 1.96·sqrt(.125 + .24009) / 2.92075 = .40550.
    const w = wilson(1, 2);
    expect(w.low).toBeCloseTo(0.0945, 4);
    expect(w.high).toBeCloseTo(0.9055, 4);
  });

  it("n = 0 has no rate and no interval", () => {
    expect(wilson(0, 0)).toEqual({ rate: null, low: null, high: null, n: 0 });
  });
});

describe("Cohen's kappa (two raters)", () => {
  it("the textbook 2x2 table (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no) gives 0.4", () => {
    // po = 35/50 = .7; rater 1 says yes 25/50, rater 2 30/50: pe = .5·.6 + .5·.4 = .5; κ = (.7-.5)/(1-.5) = .4.
    const pairs = [
      ...Array.from({ length: 20 }, () => ["up", "up"] as const),
      ...Array.from({ length: 5 }, () => ["up", "down"] as const),
      ...Array.from({ length: 10 }, () => ["down", "up"] as const),
      ...Array.from({ length: 15 }, () => ["down", "down"] as const),
    ];
    const k = cohenKappa(pairs);
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
    expect(k.items).toBe(50);
    expect(describeKappa(k)).toBe("Fair agreement (κ = 0.40)");
  });

  it("perfect agreement over two categories is 1; systematic disagreement is negative", () => {
    expect(cohenKappa([["up", "up"], ["down", "down"], ["up", "up"]]).kappa).toBeCloseTo(1, 10);
    // po = 0; each rater 50/50: pe = .5; κ = -1.
    expect(cohenKappa([["up", "down"], ["down", "up"]]).kappa).toBeCloseTo(-1, 10);
  });

  it("degenerate: both raters always say the same one category -> undefined, not a number", () => {
    const k = cohenKappa([["up", "up"], ["up", "up"], ["up", "up"]]);
    expect(k.observed).toBe(1);
    expect(k.expected).toBe(1);
    expect(k.kappa).toBeNull();
    expect(describeKappa(k)).toMatch(/^Undefined: every rating fell in the same category/);
  });

  it("no items -> undefined", () => {
    expect(cohenKappa([])).toEqual({ kappa: null, observed: null, expected: null, items: 0 });
    expect(describeKappa(cohenKappa([]))).toMatch(/^Not enough data/);
  });
});

describe("Fleiss' kappa (more raters)", () => {
  it("Fleiss (1971) worked example: 10 subjects, 14 raters, 5 categories -> 0.210", () => {
    // The table from the original paper (as on Wikipedia): P̄ = .378, P̄e = .213, κ = .210.
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const items = table.map((row) => row.flatMap((c, j) => Array.from({ length: c }, () => `c${j + 1}`)));
    const k = fleissKappa(items);
    expect(k.observed).toBeCloseTo(0.378, 3);
    expect(k.expected).toBeCloseTo(0.213, 3);
    expect(k.kappa).toBeCloseTo(0.21, 3);
    expect(kappaStrength(k.kappa!)).toBe("fair");
  });

  it("3 raters x 4 items, up/down: (3,0) (2,1) (1,2) (0,3) -> 1/3", () => {
    // P_i = (Σ n_ij² - 3) / 6: 1, 1/3, 1/3, 1 -> P̄ = 2/3; p_up = p_down = 6/12: P̄e = .5; κ = (2/3 - 1/2) / (1/2) = 1/3.
    const k = fleissKappa([
      ["up", "up", "up"],
      ["up", "up", "down"],
      ["up", "down", "down"],
      ["down", "down", "down"],
    ]);
    expect(k.observed).toBeCloseTo(2 / 3, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(1 / 3, 10);
  });

  it("degenerate: every rater on every item says up -> undefined; no multi-rated item -> undefined", () => {
    const k = fleissKappa([
      ["up", "up", "up"],
      ["up", "up", "up"],
    ]);
    expect(k.observed).toBe(1);
    expect(k.kappa).toBeNull();
    expect(fleissKappa([["up"], []])).toEqual({ kappa: null, observed: null, expected: null, items: 0 });
  });
});

describe("Landis & Koch reading", () => {
  it.each([
    [-0.1, "poor"],
    [0, "slight"],
    [0.2, "slight"],
    [0.21, "fair"],
    [0.4, "fair"],
    [0.41, "moderate"],
    [0.6, "moderate"],
    [0.61, "substantial"],
    [0.8, "substantial"],
    [0.81, "almost perfect"],
    [1, "almost perfect"],
  ] as const)("κ = %s is %s", (k, label) => {
    expect(kappaStrength(k)).toBe(label);
  });
});

describe("agreementOf (which kappa for which data)", () => {
  const item = (...ratings: [string, string][]) => ratings.map(([reviewerId, verdict]) => ({ reviewerId, verdict }));

  it("exactly two raters -> Cohen's kappa over the items both rated; single-rated items are ignored", () => {
    const per = new Map([
      ["i1", item(["ann", "up"], ["bob", "up"])],
      ["i2", item(["ann", "down"], ["bob", "down"])],
      ["i3", item(["bob", "up"], ["ann", "down"])],
      ["i4", item(["ann", "up"])],
    ]);
    const a = agreementOf(per);
    // Pairs (ann, bob): (up, up) (down, down) (down, up): po = 2/3; ann up 1/3, bob up 2/3: pe = 1/3·2/3 + 2/3·1/3 = 4/9;
    // κ = (2/3 - 4/9) / (5/9) = 2/5.
    expect(a).toMatchObject({ method: "cohen", raters: 2, items: 3, strength: "fair" });
    expect(a.kappa).toBeCloseTo(0.4, 10);
  });

  it("three raters -> Fleiss' kappa; none -> no method", () => {
    const per = new Map([
      ["i1", item(["a", "up"], ["b", "up"], ["c", "up"])],
      ["i2", item(["a", "up"], ["b", "up"], ["c", "down"])],
      ["i3", item(["a", "up"], ["b", "down"], ["c", "down"])],
      ["i4", item(["a", "down"], ["b", "down"], ["c", "down"])],
    ]);
    const a = agreementOf(per);
    expect(a).toMatchObject({ method: "fleiss", raters: 3, items: 4 });
    expect(a.kappa).toBeCloseTo(1 / 3, 10);
    expect(agreementOf(new Map([["i1", item(["a", "up"])]]))).toMatchObject({ method: null, kappa: null, items: 0 });
  });
});
