// Who pays and who benefits (docs/method.md, "10. Who pays and who benefits"): each silo's present value of
// costs borne and savings gained, and the transfers of a settlement rule that share the pool's net savings
// back among the partners.
import { D, ZERO, negative, positive, sum } from '../decimal.js';
import type { Warning } from '../errors.js';
import type { SettlementRow, SettlementRule } from './types.js';

/** A party to the settlement: a partner (its silos together) or a silo in no partner. */
export interface PartyPv {
  name: string;
  kind: 'partner' | 'silo';
  external: boolean;
  pays: D;
  gains: D;
  /** the most cash it is out of pocket at any point, before settlement (undiscounted) */
  peak: D;
}

function proportional(rows: PartyPv[], netBefore: D[], total: D): D[] | undefined {
  const totalPays = sum(rows.map((r) => r.pays));
  if (totalPays.isZero()) return undefined;
  return rows.map((r, i) => r.pays.dividedBy(totalPays).times(total).minus(netBefore[i]!));
}

/** Settlement rows (only parties that pay or gain), with transfers that sum to zero. */
export function settle(silos: PartyPv[], rule: SettlementRule, place: string): { rows: SettlementRow[]; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const kept = silos.filter((s) => !s.pays.isZero() || !s.gains.isZero());
  const netBefore = kept.map((s) => s.gains.minus(s.pays));
  const total = sum(netBefore);
  let transfers: D[] = kept.map(() => ZERO);

  const useProportional = (why?: string): void => {
    const t = proportional(kept, netBefore, total);
    if (t) transfers = t;
    else if (kept.length > 0) {
      warnings.push({
        code: 'settlement-no-payers',
        message: `${place}: no silo pays anything, so the proportional settlement makes no transfers${why ?? ''}`,
      });
    }
  };

  if (rule === 'proportional') useProportional();
  else if (rule === 'no-worse-off') {
    if (negative(total)) {
      warnings.push({
        code: 'settlement-fallback',
        message: `${place}: the pool's net saving is negative, so no partner can be left no worse off; the proportional rule is used instead`,
      });
      useProportional();
    } else {
      const received = sum(netBefore.filter((n) => negative(n))).negated();
      const gainers = sum(netBefore.filter((n) => positive(n)));
      transfers = netBefore.map((n) => {
        if (negative(n)) return n.negated();
        if (positive(n) && !received.isZero()) return received.times(n).dividedBy(gainers).negated();
        return ZERO;
      });
    }
  }

  const rows = kept.map((s, i) => ({
    silo: s.name,
    kind: s.kind,
    external: s.external,
    wrongPocket: negative(netBefore[i]!) && positive(total),
    pays: s.pays,
    gains: s.gains,
    net_before: netBefore[i]!,
    transfer: transfers[i]!,
    net_after: netBefore[i]!.plus(transfers[i]!),
    peak_funding: s.peak,
  }));
  return { rows, warnings };
}
