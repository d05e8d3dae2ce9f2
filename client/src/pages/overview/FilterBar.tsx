import { Field, Label, Search, Select, Switch } from '@digdir/designsystemet-react';
import { MinistryOptions, StatusOptions } from '../../components/Options.js';
import { isReadinessFilter } from '../../readiness/readiness.js';
import { t, tReady } from '../../strings.js';
import type { MeasureFilters } from './useMeasureFilters.js';

/** Filter by ministry, status and readiness, "mine" for editors, and search by number or title words. */
export function FilterBar({ filters }: { filters: MeasureFilters }) {
  const { filter, change, marksOwn, own } = filters;
  return (
    <div className="filters" role="search">
      <Field>
        <Label>{t.filterMinistry}</Label>
        <Select value={filter.ministry} onChange={(e) => change({ ministry: e.target.value })}>
          <Select.Option value="">{t.filterAll}</Select.Option>
          <MinistryOptions />
        </Select>
      </Field>
      <Field>
        <Label>{t.filterStatus}</Label>
        <Select value={filter.status} onChange={(e) => change({ status: e.target.value })}>
          <Select.Option value="">{t.filterAll}</Select.Option>
          <StatusOptions />
        </Select>
      </Field>
      <Field>
        <Label>{tReady.filterReadiness}</Label>
        <Select
          value={filter.readiness}
          data-testid="filter-readiness"
          onChange={(e) => change({ readiness: isReadinessFilter(e.target.value) ? e.target.value : '' })}
        >
          <Select.Option value="">{t.filterAll}</Select.Option>
          <Select.Option value="missing">{tReady.filterMissing}</Select.Option>
          <Select.Option value="ready">{tReady.filterReady}</Select.Option>
        </Select>
      </Field>
      {marksOwn && (
        <Switch label={t.filterMine} checked={filter.mineOnly} onChange={(e) => change({ mineOnly: e.target.checked })} data-testid="filter-mine" />
      )}
      {own !== null && (
        <Switch
          label={tReady.filterMineNotReady}
          checked={filter.mineNotReady}
          onChange={(e) => change({ mineNotReady: e.target.checked })}
          data-testid="filter-mine-not-ready"
        />
      )}
      <Field className="filters__search">
        <Label>{t.search}</Label>
        <Search>
          <Search.Input aria-label={t.search} placeholder={t.searchHint} value={filter.query} onChange={(e) => change({ query: e.target.value })} />
          <Search.Clear onClick={() => change({ query: '' })} />
        </Search>
      </Field>
    </div>
  );
}
