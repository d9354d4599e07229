/**
 * Seeded pseudo-random numbers, so demo markets and simulations are reproducible to the bit.
 * xoshiro128** (Blackman & Vigna) on 32-bit integer state, seeded through splitmix32; normals by
 * the Marsaglia polar method; Student-t as a normal over √(χ²_ν/ν).
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal = NaN;

  constructor(seed: number) {
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /**
   * Fills `out` with standard normals by the ziggurat method (Marsaglia & Tsang 2000, 128 layers):
   * most draws cost one integer and one multiply, with no logarithm. The generator state lives in
   * locals for the whole block: this is the Monte Carlo hot path.
   */
  fillNormal(out: Float64Array): void {
    // Raw 32-bit draws come from a block filled in one tight loop; the fast path only reads it.
    const raw = this.rawBlock(out.length + 64);
    let k = 0;
    const take = () => {
      if (k === raw.length) {
        this.fillRaw(raw);
        k = 0;
      }
      return raw[k++]!;
    };
    const uniform = () => ((take() >>> 0) + 0.5) * 2.3283064365386963e-10;
    for (let i = 0; i < out.length; i++) {
      let hz = k < raw.length ? raw[k++]! : take();
      let iz = hz & 127;
      if (Math.abs(hz) < ZIG_K[iz]!) {
        out[i] = hz * ZIG_W[iz]!;
        continue;
      }
      // Rejection from the layer's wedge, or the tail beyond R.
      for (;;) {
        if (iz === 0) {
          let x: number;
          let y: number;
          do {
            x = -Math.log(uniform()) / ZIG_R;
            y = -Math.log(uniform());
          } while (y + y < x * x);
          out[i] = hz > 0 ? ZIG_R + x : -ZIG_R - x;
          break;
        }
        const x = hz * ZIG_W[iz]!;
        if (ZIG_F[iz]! + uniform() * (ZIG_F[iz - 1]! - ZIG_F[iz]!) < Math.exp(-0.5 * x * x)) {
          out[i] = x;
          break;
        }
        hz = take();
        iz = hz & 127;
        if (Math.abs(hz) < ZIG_K[iz]!) {
          out[i] = hz * ZIG_W[iz]!;
          break;
        }
      }
    }
    // Draws left in the block are discarded, so the stream depends only on the seed and the calls.
  }

  private raw: Int32Array | undefined;

  private rawBlock(size: number): Int32Array {
    if (this.raw === undefined || this.raw.length !== size) this.raw = new Int32Array(size);
    this.fillRaw(this.raw);
    return this.raw;
  }

  /** Signed 32-bit draws, state in locals. */
  private fillRaw(out: Int32Array): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < out.length; i++) {
      out[i] = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9);
      const t = (s1 << 9) >>> 0;
      s2 = (s2 ^ s0) >>> 0;
      s3 = (s3 ^ s1) >>> 0;
      s1 = (s1 ^ s2) >>> 0;
      s0 = (s0 ^ s3) >>> 0;
      s2 = (s2 ^ t) >>> 0;
      s3 = ((s3 << 11) | (s3 >>> 21)) >>> 0;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Fills `out` with uniforms in (0, 1) from single 32-bit draws (enough for regime picks and χ² draws). */
  fillUniform(out: Float64Array): void {
    const raw = this.rawBlock(out.length);
    for (let i = 0; i < out.length; i++) out[i] = ((raw[i]! >>> 0) + 0.5) * 2.3283064365386963e-10;
  }

  /** χ² with an integer number of degrees of freedom, as a sum of squared normals. */
  chiSquared(dof: number): number {
    let s = 0;
    for (let k = 0; k < dof; k++) {
      const z = this.normal();
      s += z * z;
    }
    return s;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Ziggurat tables for 128 layers (Marsaglia & Tsang 2000): R is where the tail starts, V each layer's area. */
const ZIG_R = 3.442619855899;
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
{
  const m1 = 2147483648;
  const v = 9.91256303526217e-3;
  let dn = ZIG_R;
  let tn = dn;
  const q = v / Math.exp(-0.5 * dn * dn);
  ZIG_K[0] = (dn / q) * m1;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m1;
  ZIG_W[127] = dn / m1;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(v / dn + Math.exp(-0.5 * dn * dn)));
    ZIG_K[i + 1] = (dn / tn) * m1;
    tn = dn;
    ZIG_F[i] = Math.exp(-0.5 * dn * dn);
    ZIG_W[i] = dn / m1;
  }
}
