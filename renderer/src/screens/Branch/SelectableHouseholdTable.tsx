import { Checkbox, Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdSummary } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { FlagBadges } from '../Households/index.ts';
import classes from './SelectableHouseholdTable.module.css';

const rowHeight = 52;
/** Ask for the next page when the view comes this close to the last loaded row. */
const prefetchRows = 60;
const columns = ['ref', 'headAr', 'district', 'score', 'members', 'flags'] as const;

interface SelectableHouseholdTableProps {
  rows: HouseholdSummary[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onNeedMore(): void;
  stale: boolean;
  selected: ReadonlySet<string>;
  onSelectedChange(selected: Set<string>): void;
}

/**
 * Households to pick for assignment, virtualised: click or Space toggles one, Shift extends from the last one toggled,
 * the header box takes every loaded row; ↑/↓ (Home, End) move through the list.
 */
export function SelectableHouseholdTable({ rows, total, hasMore, loadingMore, onNeedMore, stale, selected, onSelectedChange }: SelectableHouseholdTableProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const viewportRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<number | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const count = rows.length + (hasMore ? 1 : 0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; nothing here is memoised on it.
  const virtualizer = useVirtualizer({ count, getScrollElement: () => viewportRef.current, estimateSize: () => rowHeight, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rows.length - prefetchRows) onNeedMore();
  }, [hasMore, loadingMore, lastShown, rows.length, onNeedMore]);

  const selectedShown = rows.filter((row) => selected.has(row.id)).length;
  const allShown = rows.length > 0 && selectedShown === rows.length;

  const toggle = (index: number, extend: boolean) => {
    const row = rows[index];
    if (!row) return;
    const on = !selected.has(row.id);
    const from = extend && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = extend && anchor.current !== null ? Math.max(anchor.current, index) : index;
    const next = new Set(selected);
    for (const { id } of rows.slice(from, to + 1)) {
      if (on) next.add(id);
      else next.delete(id);
    }
    anchor.current = index;
    setHighlighted(index);
    onSelectedChange(next);
  };
  const toggleShown = () => {
    const next = new Set(selected);
    for (const { id } of rows) {
      if (allShown) next.delete(id);
      else next.add(id);
    }
    onSelectedChange(next);
  };
  const move = (index: number) => {
    const next = Math.max(0, Math.min(index, rows.length - 1));
    setHighlighted(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowDown: highlighted + 1, ArrowUp: highlighted - 1, Home: 0, End: rows.length - 1 };
    if (event.key === ' ') {
      event.preventDefault();
      toggle(highlighted, event.shiftKey);
    } else if (event.key in moves) {
      event.preventDefault();
      move(moves[event.key] ?? highlighted);
    }
  };
  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  return (
    <div className={classes.scroller}>
      <div
        role="grid"
        aria-label={t('branch.unassigned.gridLabel')}
        aria-multiselectable
        aria-rowcount={total + 1}
        aria-busy={stale || undefined}
        aria-activedescendant={rows[highlighted] ? rowId(highlighted) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className={classes.grid}
        data-stale={stale || undefined}
      >
        <div role="rowgroup" className={classes.head}>
          <div role="row" aria-rowindex={1} className={classes.columns}>
            <div role="columnheader" className={classes.cell}>
              <Checkbox
                aria-label={t('branch.unassigned.selectShown')}
                checked={allShown}
                indeterminate={selectedShown > 0 && !allShown}
                onChange={toggleShown}
                disabled={rows.length === 0}
              />
            </div>
            {columns.map((column) => (
              <div key={column} role="columnheader" className={classes.cell}>
                {t(`branch.households.columns.${column}`)}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" ref={viewportRef} className={classes.viewport} data-virtual-viewport="">
          <div className={classes.body} style={{ blockSize: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rows[item.index];
              const style = { transform: `translateY(${item.start}px)`, blockSize: rowHeight };
              if (!row) {
                return (
                  <div key="more" role="row" aria-rowindex={item.index + 2} className={classes.row} style={style}>
                    <Group role="gridcell" gap="xs" px="sm" h="100%">
                      <Loader size="xs" />
                      <Text size="sm" c="dimmed">
                        {t('branch.unassigned.loadingMore')}
                      </Text>
                    </Group>
                  </div>
                );
              }
              return (
                <SelectableRow
                  key={row.id}
                  id={rowId(item.index)}
                  row={row}
                  index={item.index}
                  checked={selected.has(row.id)}
                  highlighted={item.index === highlighted}
                  top={item.start}
                  onToggle={(extend) => toggle(item.index, extend)}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

interface SelectableRowProps {
  id: string;
  row: HouseholdSummary;
  index: number;
  checked: boolean;
  highlighted: boolean;
  top: number;
  onToggle(extend: boolean): void;
}

function SelectableRow({ id, row, index, checked, highlighted, top, onToggle }: SelectableRowProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={checked}
      data-highlighted={highlighted || undefined}
      className={`${classes.row} ${classes.columns}`}
      style={{ transform: `translateY(${top}px)`, blockSize: rowHeight }}
      // One handler for the row and its box: a click on the box bubbles here with its Shift key.
      onClick={(event) => onToggle(event.shiftKey)}
    >
      <div role="gridcell" className={classes.cell}>
        <Checkbox
          tabIndex={-1}
          checked={checked}
          onChange={() => undefined}
          aria-label={t('branch.unassigned.selectOne', { ref: row.registryRef ?? row.headNameAr ?? row.id })}
        />
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" ff="monospace" truncate>
          <span dir="ltr">{row.registryRef ?? '—'}</span>
        </Text>
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" fw={500} truncate c={row.headNameAr ? undefined : 'dimmed'}>
          {row.headNameAr ?? t('branch.households.noHead')}
        </Text>
        {row.headNameLat && (
          <Text size="xs" c="dimmed" truncate>
            <span dir="ltr">{row.headNameLat}</span>
          </Text>
        )}
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" truncate>
          {row.districtName}
        </Text>
      </div>
      <div role="gridcell" className={`${classes.cell} ${classes.number}`}>
        {row.registryScore === null ? '—' : format(row.registryScore)}
      </div>
      <div role="gridcell" className={`${classes.cell} ${classes.number}`}>
        {format(row.memberCount)}
      </div>
      <div role="gridcell" className={classes.cell}>
        <FlagBadges flags={row.flags} compact />
      </div>
    </div>
  );
}
