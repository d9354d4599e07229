;; SIMD kernels over matrices that live in this module's memory (see kernel-arena.ts). Each
;; computes exactly what its JavaScript twin in returns.ts, series.ts or monte-carlo.ts computes,
;; in the same order, so the two paths give the same bits. Addresses are byte offsets; matrices are column-major doubles.
(module
  (import "arena" "memory" (memory 1))
  ;; Math.exp, for the rare argument outside expLanes' range (|x| >= 708, NaN).
  (import "math" "exp" (func $scalarExp (param f64) (result f64)))

  ;; out[j*(rows-1) + t] = p[j*rows + t + 1] / p[j*rows + t] - 1, two days per step.
  (func (export "simpleReturns") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $j i32) (local $s i32) (local $d i32) (local $t i32) (local $T i32) (local $one v128)
    (if (i32.lt_u (local.get $rows) (i32.const 2)) (then (return)))
    (local.set $T (i32.sub (local.get $rows) (i32.const 1)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $s (local.get $src))
    (local.set $d (local.get $dst))
    (block $columnsDone (loop $columns
      (br_if $columnsDone (i32.ge_u (local.get $j) (local.get $cols)))
      (local.set $t (i32.const 0))
      (block $pairsDone (loop $pairs
        (br_if $pairsDone (i32.gt_u (i32.add (local.get $t) (i32.const 2)) (local.get $T)))
        (v128.store (local.get $d)
          (f64x2.sub (f64x2.div (v128.load offset=8 (local.get $s)) (v128.load (local.get $s))) (local.get $one)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (local.set $t (i32.add (local.get $t) (i32.const 2)))
        (br $pairs)))
      (if (i32.lt_u (local.get $t) (local.get $T))
        (then
          (f64.store (local.get $d)
            (f64.sub (f64.div (f64.load offset=8 (local.get $s)) (f64.load (local.get $s))) (f64.const 1)))
          (local.set $s (i32.add (local.get $s) (i32.const 8)))
          (local.set $d (i32.add (local.get $d) (i32.const 8)))))
      ;; the column's last price starts no return
      (local.set $s (i32.add (local.get $s) (i32.const 8)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $columns))))

  ;; out[t] = sum_j w[j] * m[j*rows + t]: eight columns per sweep, added left to right and then to
  ;; out[t], four days per turn (then a pair, then one); a sweep whose eight weights are all zero is
  ;; skipped, then the last columns one by one.
  (func (export "weightedRowSum") (param $m i32) (param $w i32) (param $out i32) (param $rows i32) (param $cols i32)
    (local $j i32) (local $t i32) (local $c i32) (local $o i32) (local $wj i32) (local $stride i32) (local $pairs i32) (local $quads i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $s4 f64) (local $s5 f64) (local $s6 f64) (local $s7 f64)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128) (local $w4 v128) (local $w5 v128) (local $w6 v128) (local $w7 v128)
    (local $off1 i32) (local $off2 i32) (local $off3 i32) (local $off4 i32) (local $off5 i32) (local $off6 i32) (local $off7 i32)
    (local.set $stride (i32.shl (local.get $rows) (i32.const 3)))
    (memory.fill (local.get $out) (i32.const 0) (local.get $stride))
    (local.set $pairs (i32.and (local.get $rows) (i32.const -2)))
    (local.set $quads (i32.and (local.get $rows) (i32.const -4)))
    (local.set $off1 (i32.mul (local.get $stride) (i32.const 1)))
    (local.set $off2 (i32.mul (local.get $stride) (i32.const 2)))
    (local.set $off3 (i32.mul (local.get $stride) (i32.const 3)))
    (local.set $off4 (i32.mul (local.get $stride) (i32.const 4)))
    (local.set $off5 (i32.mul (local.get $stride) (i32.const 5)))
    (local.set $off6 (i32.mul (local.get $stride) (i32.const 6)))
    (local.set $off7 (i32.mul (local.get $stride) (i32.const 7)))
    (block $sweepsDone (loop $sweeps
      (br_if $sweepsDone (i32.gt_u (i32.add (local.get $j) (i32.const 8)) (local.get $cols)))
      (local.set $wj (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3))))
      (local.set $s0 (f64.load offset=0 (local.get $wj)))
      (local.set $s1 (f64.load offset=8 (local.get $wj)))
      (local.set $s2 (f64.load offset=16 (local.get $wj)))
      (local.set $s3 (f64.load offset=24 (local.get $wj)))
      (local.set $s4 (f64.load offset=32 (local.get $wj)))
      (local.set $s5 (f64.load offset=40 (local.get $wj)))
      (local.set $s6 (f64.load offset=48 (local.get $wj)))
      (local.set $s7 (f64.load offset=56 (local.get $wj)))
      (if (i32.eqz (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (i32.and (f64.eq (local.get $s0) (f64.const 0)) (f64.eq (local.get $s1) (f64.const 0))) (f64.eq (local.get $s2) (f64.const 0))) (f64.eq (local.get $s3) (f64.const 0))) (f64.eq (local.get $s4) (f64.const 0))) (f64.eq (local.get $s5) (f64.const 0))) (f64.eq (local.get $s6) (f64.const 0))) (f64.eq (local.get $s7) (f64.const 0))))
        (then
          (local.set $w0 (f64x2.splat (local.get $s0)))
          (local.set $w1 (f64x2.splat (local.get $s1)))
          (local.set $w2 (f64x2.splat (local.get $s2)))
          (local.set $w3 (f64x2.splat (local.get $s3)))
          (local.set $w4 (f64x2.splat (local.get $s4)))
          (local.set $w5 (f64x2.splat (local.get $s5)))
          (local.set $w6 (f64x2.splat (local.get $s6)))
          (local.set $w7 (f64x2.splat (local.get $s7)))
          (local.set $c (i32.add (local.get $m) (i32.mul (local.get $j) (local.get $stride))))
          (local.set $o (local.get $out))
          (local.set $t (i32.const 0))
          ;; four rows per turn in two chains of additions, same order: against two rows per turn,
          ;; alternating in one process, 130 -> 123 us at 500 columns, 762-970 -> 733-745 us at 2,000
          (block $quadsDone (loop $rowQuads
            (br_if $quadsDone (i32.ge_u (local.get $t) (local.get $quads)))
            (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o))
              (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $w0) (v128.load (local.get $c)))
              (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $c) (local.get $off1)))))
              (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $c) (local.get $off2)))))
              (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $c) (local.get $off3)))))
              (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $c) (local.get $off4)))))
              (f64x2.mul (local.get $w5) (v128.load (i32.add (local.get $c) (local.get $off5)))))
              (f64x2.mul (local.get $w6) (v128.load (i32.add (local.get $c) (local.get $off6)))))
              (f64x2.mul (local.get $w7) (v128.load (i32.add (local.get $c) (local.get $off7)))))))
            (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o))
              (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $w0) (v128.load offset=16 (local.get $c)))
              (f64x2.mul (local.get $w1) (v128.load offset=16 (i32.add (local.get $c) (local.get $off1)))))
              (f64x2.mul (local.get $w2) (v128.load offset=16 (i32.add (local.get $c) (local.get $off2)))))
              (f64x2.mul (local.get $w3) (v128.load offset=16 (i32.add (local.get $c) (local.get $off3)))))
              (f64x2.mul (local.get $w4) (v128.load offset=16 (i32.add (local.get $c) (local.get $off4)))))
              (f64x2.mul (local.get $w5) (v128.load offset=16 (i32.add (local.get $c) (local.get $off5)))))
              (f64x2.mul (local.get $w6) (v128.load offset=16 (i32.add (local.get $c) (local.get $off6)))))
              (f64x2.mul (local.get $w7) (v128.load offset=16 (i32.add (local.get $c) (local.get $off7)))))))
            (local.set $c (i32.add (local.get $c) (i32.const 32)))
            (local.set $o (i32.add (local.get $o) (i32.const 32)))
            (local.set $t (i32.add (local.get $t) (i32.const 4)))
            (br $rowQuads)))
          (if (i32.lt_u (local.get $t) (local.get $pairs))
            (then
              (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o))
                (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $w0) (v128.load (local.get $c)))
                (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $c) (local.get $off1)))))
                (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $c) (local.get $off2)))))
                (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $c) (local.get $off3)))))
                (f64x2.mul (local.get $w4) (v128.load (i32.add (local.get $c) (local.get $off4)))))
                (f64x2.mul (local.get $w5) (v128.load (i32.add (local.get $c) (local.get $off5)))))
                (f64x2.mul (local.get $w6) (v128.load (i32.add (local.get $c) (local.get $off6)))))
                (f64x2.mul (local.get $w7) (v128.load (i32.add (local.get $c) (local.get $off7)))))))
              (local.set $c (i32.add (local.get $c) (i32.const 16)))
              (local.set $o (i32.add (local.get $o) (i32.const 16)))
              (local.set $t (i32.add (local.get $t) (i32.const 2)))))
          (if (i32.lt_u (local.get $t) (local.get $rows))
            (then
              (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
              (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (f64.add (f64.mul (local.get $s0) (f64.load (local.get $c))) (f64.mul (local.get $s1) (f64.load (i32.add (local.get $c) (local.get $off1)))))
              (f64.mul (local.get $s2) (f64.load (i32.add (local.get $c) (local.get $off2)))))
              (f64.mul (local.get $s3) (f64.load (i32.add (local.get $c) (local.get $off3)))))
              (f64.mul (local.get $s4) (f64.load (i32.add (local.get $c) (local.get $off4)))))
              (f64.mul (local.get $s5) (f64.load (i32.add (local.get $c) (local.get $off5)))))
              (f64.mul (local.get $s6) (f64.load (i32.add (local.get $c) (local.get $off6)))))
              (f64.mul (local.get $s7) (f64.load (i32.add (local.get $c) (local.get $off7)))))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 8)))
      (br $sweeps)))
    (block $columnsDone (loop $columns
      (br_if $columnsDone (i32.ge_u (local.get $j) (local.get $cols)))
      (local.set $s0 (f64.load (i32.add (local.get $w) (i32.shl (local.get $j) (i32.const 3)))))
      (if (f64.ne (local.get $s0) (f64.const 0))
        (then
          (local.set $w0 (f64x2.splat (local.get $s0)))
          (local.set $c (i32.add (local.get $m) (i32.mul (local.get $j) (local.get $stride))))
          (local.set $o (local.get $out))
          (local.set $t (i32.const 0))
          (block $rowsDone (loop $rowPairs
            (br_if $rowsDone (i32.ge_u (local.get $t) (local.get $pairs)))
            (v128.store (local.get $o)
              (f64x2.add (v128.load (local.get $o)) (f64x2.mul (local.get $w0) (v128.load (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $t (i32.add (local.get $t) (i32.const 2)))
            (br $rowPairs)))
          (if (i32.lt_u (local.get $t) (local.get $rows))
            (then
              (f64.store (local.get $o)
                (f64.add (f64.load (local.get $o)) (f64.mul (local.get $s0) (f64.load (local.get $c)))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $columns))))

  ;; x.y over n doubles in four running sums, as series.ts's dot: the lanes of $a are s0 and s1
  ;; (days 4k and 4k+1), those of $b s2 and s3; the last days go to s0; then (s0 + s1) + (s2 + s3).
  (func (export "dot") (param $x i32) (param $y i32) (param $n i32) (result f64)
    (local $a v128) (local $b v128) (local $t i32) (local $s0 f64)
    (block $quadsDone (loop $quads
      (br_if $quadsDone (i32.gt_u (i32.add (local.get $t) (i32.const 4)) (local.get $n)))
      (local.set $a (f64x2.add (local.get $a) (f64x2.mul (v128.load (local.get $x)) (v128.load (local.get $y)))))
      (local.set $b (f64x2.add (local.get $b)
        (f64x2.mul (v128.load offset=16 (local.get $x)) (v128.load offset=16 (local.get $y)))))
      (local.set $x (i32.add (local.get $x) (i32.const 32)))
      (local.set $y (i32.add (local.get $y) (i32.const 32)))
      (local.set $t (i32.add (local.get $t) (i32.const 4)))
      (br $quads)))
    (local.set $s0 (f64x2.extract_lane 0 (local.get $a)))
    (block $tailDone (loop $tail
      (br_if $tailDone (i32.ge_u (local.get $t) (local.get $n)))
      (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.load (local.get $x)) (f64.load (local.get $y)))))
      (local.set $x (i32.add (local.get $x) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $tail)))
    (f64.add
      (f64.add (local.get $s0) (f64x2.extract_lane 1 (local.get $a)))
      (f64.add (f64x2.extract_lane 0 (local.get $b)) (f64x2.extract_lane 1 (local.get $b)))))

  ;; x[p] = sum_j l[j] * z[j*pairs + p] for p in [lo, hi), as monte-carlo.ts's combine: x is zeroed,
  ;; then four rows of z per sweep, x[p] + (((l0 z0 + l1 z1) + l2 z2) + l3 z3), two pairs per step;
  ;; the last rows one at a time, x[p] + lj zj.
  (func (export "combineRows") (param $x i32) (param $z i32) (param $l i32) (param $n i32) (param $pairs i32) (param $lo i32) (param $hi i32)
    (local $j i32) (local $p i32) (local $stride i32) (local $lastPair i32)
    (local $z0 i32) (local $z1 i32) (local $z2 i32) (local $z3 i32) (local $at i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local $w0 v128) (local $w1 v128) (local $w2 v128) (local $w3 v128)
    (local.set $stride (i32.shl (local.get $pairs) (i32.const 3)))
    (if (i32.gt_u (local.get $hi) (local.get $lo))
      (then (memory.fill (i32.add (local.get $x) (i32.shl (local.get $lo) (i32.const 3))) (i32.const 0)
        (i32.shl (i32.sub (local.get $hi) (local.get $lo)) (i32.const 3)))))
    ;; the last p at which two pairs still fit
    (local.set $lastPair (i32.sub (local.get $hi) (i32.const 1)))
    (block $sweepsDone (loop $sweeps
      (br_if $sweepsDone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
      (local.set $s0 (f64.load offset=0 (i32.add (local.get $l) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $s1 (f64.load offset=8 (i32.add (local.get $l) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $s2 (f64.load offset=16 (i32.add (local.get $l) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $s3 (f64.load offset=24 (i32.add (local.get $l) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $w0 (f64x2.splat (local.get $s0)))
      (local.set $w1 (f64x2.splat (local.get $s1)))
      (local.set $w2 (f64x2.splat (local.get $s2)))
      (local.set $w3 (f64x2.splat (local.get $s3)))
      (local.set $z0 (i32.add (local.get $z) (i32.mul (local.get $j) (local.get $stride))))
      (local.set $z1 (i32.add (local.get $z0) (local.get $stride)))
      (local.set $z2 (i32.add (local.get $z1) (local.get $stride)))
      (local.set $z3 (i32.add (local.get $z2) (local.get $stride)))
      (local.set $p (local.get $lo))
      (block $pairsDone (loop $twoAtATime
        (br_if $pairsDone (i32.ge_s (local.get $p) (local.get $lastPair)))
        (local.set $at (i32.shl (local.get $p) (i32.const 3)))
        (v128.store (i32.add (local.get $x) (local.get $at)) (f64x2.add (v128.load (i32.add (local.get $x) (local.get $at)))
          (f64x2.add (f64x2.add (f64x2.add
            (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $z0) (local.get $at))))
            (f64x2.mul (local.get $w1) (v128.load (i32.add (local.get $z1) (local.get $at)))))
            (f64x2.mul (local.get $w2) (v128.load (i32.add (local.get $z2) (local.get $at)))))
            (f64x2.mul (local.get $w3) (v128.load (i32.add (local.get $z3) (local.get $at)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $twoAtATime)))
      (if (i32.lt_u (local.get $p) (local.get $hi))
        (then
          (local.set $at (i32.shl (local.get $p) (i32.const 3)))
          (f64.store (i32.add (local.get $x) (local.get $at)) (f64.add (f64.load (i32.add (local.get $x) (local.get $at)))
            (f64.add (f64.add (f64.add
              (f64.mul (local.get $s0) (f64.load (i32.add (local.get $z0) (local.get $at))))
              (f64.mul (local.get $s1) (f64.load (i32.add (local.get $z1) (local.get $at)))))
              (f64.mul (local.get $s2) (f64.load (i32.add (local.get $z2) (local.get $at)))))
              (f64.mul (local.get $s3) (f64.load (i32.add (local.get $z3) (local.get $at)))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 4)))
      (br $sweeps)))
    (block $rowsDone (loop $rows
      (br_if $rowsDone (i32.ge_u (local.get $j) (local.get $n)))
      (local.set $s0 (f64.load (i32.add (local.get $l) (i32.shl (local.get $j) (i32.const 3)))))
      (local.set $w0 (f64x2.splat (local.get $s0)))
      (local.set $z0 (i32.add (local.get $z) (i32.mul (local.get $j) (local.get $stride))))
      (local.set $p (local.get $lo))
      (block $pairsDone (loop $twoAtATime
        (br_if $pairsDone (i32.ge_s (local.get $p) (local.get $lastPair)))
        (local.set $at (i32.shl (local.get $p) (i32.const 3)))
        (v128.store (i32.add (local.get $x) (local.get $at)) (f64x2.add (v128.load (i32.add (local.get $x) (local.get $at)))
          (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $z0) (local.get $at))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $twoAtATime)))
      (if (i32.lt_u (local.get $p) (local.get $hi))
        (then
          (local.set $at (i32.shl (local.get $p) (i32.const 3)))
          (f64.store (i32.add (local.get $x) (local.get $at)) (f64.add (f64.load (i32.add (local.get $x) (local.get $at)))
            (f64.mul (local.get $s0) (f64.load (i32.add (local.get $z0) (local.get $at))))))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $rows)))
  )

  ;; out[b] = out[b] + w * (g * row[b] - 1) for b < n, as monte-carlo.ts's accumulate: one asset's
  ;; growth row added to the portfolio's outcomes, two paths per step.
  (func (export "accumulateGrowth") (param $out i32) (param $row i32) (param $n i32) (param $w f64) (param $g f64)
    (local $b i32) (local $at i32) (local $wv v128) (local $gv v128) (local $one v128)
    (local.set $wv (f64x2.splat (local.get $w)))
    (local.set $gv (f64x2.splat (local.get $g)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (block $pairsDone (loop $twoAtATime
      (br_if $pairsDone (i32.gt_u (i32.add (local.get $b) (i32.const 2)) (local.get $n)))
      (local.set $at (i32.shl (local.get $b) (i32.const 3)))
      (v128.store (i32.add (local.get $out) (local.get $at)) (f64x2.add (v128.load (i32.add (local.get $out) (local.get $at)))
        (f64x2.mul (local.get $wv) (f64x2.sub (f64x2.mul (local.get $gv) (v128.load (i32.add (local.get $row) (local.get $at))))
          (local.get $one)))))
      (local.set $b (i32.add (local.get $b) (i32.const 2)))
      (br $twoAtATime)))
    (if (i32.lt_u (local.get $b) (local.get $n))
      (then
        (local.set $at (i32.shl (local.get $b) (i32.const 3)))
        (f64.store (i32.add (local.get $out) (local.get $at)) (f64.add (f64.load (i32.add (local.get $out) (local.get $at)))
          (f64.mul (local.get $w) (f64.sub (f64.mul (local.get $g) (f64.load (i32.add (local.get $row) (local.get $at))))
            (f64.const 1))))))))
  ;; exp of two doubles as fdlibm's e_exp.c computes it, V8's Math.exp, so the same bits (checked on
  ;; 30 million arguments; a test keeps 40,000 and the branch edges): x = k ln2 + r, r's polynomial, times 2^k. fdlibm
  ;; branches on |x|; here every lane takes every branch and keeps its own. Its tests on the high
  ;; word are tests on |x| against the double with that high word. Right for |x| < 708; expAffine
  ;; takes the rest (none in a Monte Carlo of ordinary assets) from Math.exp itself.
  (func $expLanes (param $x v128) (result v128)
    (local $ax v128) (local $sign v128) (local $reduced v128) (local $kZero v128)
    (local $k v128) (local $hi v128) (local $lo v128) (local $r v128) (local $t v128) (local $c v128)
    (local $q v128) (local $y v128) (local $out v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (local.set $sign (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))
    ;; |x| > 0.5 ln2: k = +-1 up to 1.5 ln2, else (int)(x / ln2 + +-0.5); below, k = 0 and r = x
    (local.set $reduced (f64x2.ge (local.get $ax) (v128.const i64x2 0x3fd62e4300000000 0x3fd62e4300000000)))
    (local.set $kZero (v128.not (local.get $reduced)))
    (local.set $k (f64x2.trunc
      (f64x2.add (f64x2.mul (v128.const f64x2 1.44269504088896338700e+00 1.44269504088896338700e+00) (local.get $x))
        (v128.or (v128.const f64x2 0.5 0.5) (local.get $sign)))))
    (local.set $k (v128.bitselect (v128.or (v128.const f64x2 1 1) (local.get $sign)) (local.get $k)
      (f64x2.lt (local.get $ax) (v128.const i64x2 0x3ff0a2b200000000 0x3ff0a2b200000000))))
    (local.set $k (v128.and (local.get $k) (local.get $reduced)))
    (local.set $hi (f64x2.sub (local.get $x)
      (f64x2.mul (local.get $k) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))))
    (local.set $lo (f64x2.mul (local.get $k) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10)))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    ;; c = r - t (P1 + t (P2 + t (P3 + t (P4 + t P5)))), t = r^2
    (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
      (f64x2.add (v128.const f64x2 1.66666666666666019037e-01 1.66666666666666019037e-01) (f64x2.mul (local.get $t)
      (f64x2.add (v128.const f64x2 -2.77777777770155933842e-03 -2.77777777770155933842e-03) (f64x2.mul (local.get $t)
      (f64x2.add (v128.const f64x2 6.61375632143793436117e-05 6.61375632143793436117e-05) (f64x2.mul (local.get $t)
      (f64x2.add (v128.const f64x2 -1.65339022054652515390e-06 -1.65339022054652515390e-06) (f64x2.mul (local.get $t)
        (v128.const f64x2 4.13813679705723846039e-08 4.13813679705723846039e-08))))))))))))
    ;; k = 0: 1 - ((r c) / (c - 2) - r); else 1 - ((lo - (r c) / (2 - c)) - hi)
    (local.set $q (f64x2.div (f64x2.mul (local.get $r) (local.get $c))
      (v128.bitselect (f64x2.sub (local.get $c) (v128.const f64x2 2 2)) (f64x2.sub (v128.const f64x2 2 2) (local.get $c))
        (local.get $kZero))))
    (local.set $y (f64x2.sub (v128.const f64x2 1 1)
      (f64x2.sub (v128.bitselect (local.get $q) (f64x2.sub (local.get $lo) (local.get $q)) (local.get $kZero))
        (v128.bitselect (local.get $r) (local.get $hi) (local.get $kZero)))))
    ;; times 2^k: the low bits of k + 2^52 + 1023 are k + 1023, shifted into the exponent; |x| < 2^-28: 1 + x
    (local.set $out (f64x2.mul (local.get $y)
      (i64x2.shl (f64x2.add (local.get $k) (v128.const f64x2 4503599627371519 4503599627371519)) (i32.const 52))))
    (local.set $out (v128.bitselect (f64x2.add (v128.const f64x2 1 1) (local.get $x)) (local.get $out)
      (f64x2.lt (local.get $ax) (v128.const i64x2 0x3e30000000000000 0x3e30000000000000))))
    (local.get $out))

  ;; out[j] = exp(m + s * x[j]) for j < n, as monte-carlo.ts's growth rows: s = 1 or -1 (m + -x is
  ;; m - x exactly), two values per step.
  (func (export "expAffine") (param $x i32) (param $out i32) (param $n i32) (param $m f64) (param $s f64)
    (local $j i32) (local $at i32) (local $mv v128) (local $sv v128) (local $v f64)
    (local.set $mv (f64x2.splat (local.get $m)))
    (local.set $sv (f64x2.splat (local.get $s)))
    (block $done (loop $twoAtATime
      (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
      (local.set $at (i32.shl (local.get $j) (i32.const 3)))
      (v128.store (i32.add (local.get $out) (local.get $at)) (call $expLanes
        (f64x2.add (local.get $mv) (f64x2.mul (local.get $sv) (v128.load (i32.add (local.get $x) (local.get $at)))))))
      (local.set $j (i32.add (local.get $j) (i32.const 2)))
      (br $twoAtATime)))
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $at (i32.shl (local.get $j) (i32.const 3)))
        (f64.store (i32.add (local.get $out) (local.get $at)) (f64x2.extract_lane 0 (call $expLanes (f64x2.splat
          (f64.add (local.get $m) (f64.mul (local.get $s) (f64.load (i32.add (local.get $x) (local.get $at)))))))))))
    ;; Arguments outside expLanes' range, found in a pass of their own: a call inside the loop above
    ;; would make it keep its vectors in memory (3 ns a value more, measured).
    (local.set $j (i32.const 0))
    (block $done (loop $each
      (br_if $done (i32.ge_s (local.get $j) (local.get $n)))
      (local.set $at (i32.shl (local.get $j) (i32.const 3)))
      (local.set $v (f64.add (local.get $m) (f64.mul (local.get $s) (f64.load (i32.add (local.get $x) (local.get $at))))))
      (if (i32.eqz (f64.lt (f64.abs (local.get $v)) (f64.const 708)))
        (then (f64.store (i32.add (local.get $out) (local.get $at)) (call $scalarExp (local.get $v)))))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $each))))

  ;; out[j] = num / src[j] for j < n: the antithetic paths' growth, exp(2m) / exp(m + x).
  (func (export "divideInto") (param $src i32) (param $out i32) (param $n i32) (param $num f64)
    (local $j i32) (local $at i32) (local $nv v128)
    (local.set $nv (f64x2.splat (local.get $num)))
    (block $done (loop $twoAtATime
      (br_if $done (i32.gt_s (i32.add (local.get $j) (i32.const 2)) (local.get $n)))
      (local.set $at (i32.shl (local.get $j) (i32.const 3)))
      (v128.store (i32.add (local.get $out) (local.get $at))
        (f64x2.div (local.get $nv) (v128.load (i32.add (local.get $src) (local.get $at)))))
      (local.set $j (i32.add (local.get $j) (i32.const 2)))
      (br $twoAtATime)))
    (if (i32.lt_s (local.get $j) (local.get $n))
      (then
        (local.set $at (i32.shl (local.get $j) (i32.const 3)))
        (f64.store (i32.add (local.get $out) (local.get $at))
          (f64.div (local.get $num) (f64.load (i32.add (local.get $src) (local.get $at))))))))
)
