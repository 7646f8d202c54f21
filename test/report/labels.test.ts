// Words for silos, scenario fields and parameter labels in the reports for people.
import { describe, expect, it } from 'vitest';
import { fieldLabel, paramLabel, siloLabel } from '../../src/report/labels.js';

describe('labels for people', () => {
  it('writes a silo as people do, acronyms in capitals', () => {
    expect(siloLabel('social_care')).toBe('Social care');
    expect(siloLabel('nhs_other')).toBe('NHS other');
    expect(siloLabel('health')).toBe('Health');
    expect(siloLabel('dwp')).toBe('DWP');
    expect(siloLabel('children_and_send')).toBe('Children and SEND');
  });

  it('writes a field in words, with the few that need it reworded', () => {
    expect(fieldLabel('success_rate')).toBe('Success rate');
    expect(fieldLabel('interventions.avoided_cost_per_success')).toBe('Avoided cost per success');
    expect(fieldLabel('ramp_years')).toBe('Years to full effect');
    expect(fieldLabel('investment.shift')).toBe('Shift into prevention a year');
  });

  it('turns a parameter label into words: the intervention, the field, the silo or year', () => {
    expect(paramLabel('Reablement: avoided_cost_per_success.social_care')).toBe('Reablement: avoided cost per success, social care');
    expect(paramLabel('Family intervention: success_rate')).toBe('Family intervention: success rate');
    expect(paramLabel('growth.nhs_other')).toBe('Growth of spend a year, NHS other');
    expect(paramLabel('investment.shift.1')).toBe('Shift into prevention a year, year index 1');
    expect(paramLabel('optimism_bias_table.5')).toBe('Optimism bias by evidence grade, grade 5');
    // a name with a colon of its own keeps it; only the last ": " separates the field
    expect(paramLabel('Pilot: phase 2: drop_off')).toBe('Pilot: phase 2: drop off');
  });
});
