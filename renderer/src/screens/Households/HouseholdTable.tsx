import { Group, Loader, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { HouseholdSummary } from '../../../../shared/contract/index.ts';
import { listPlace, saveListPlace } from '../../households/household-filters.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { householdFilePath } from '../../routes.ts';
import { FlagBadges } from './FlagBadges.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import classes from './HouseholdTable.module.css';

/** Every row has this height, so 10 000 rows cost no measuring. */
const rowHeight = 56;
/** Ask for the next page when the view comes this close to the last loaded row. */
const prefetchRows = 60;
const columns = ['ref', 'head', 'district', 'score', 'worker', 'members', 'flags'] as const;

interface HouseholdTableProps {
  rows: HouseholdSummary[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onNeedMore(): void;
  /** The rows still show the previous filters while the new ones load. */
  stale: boolean;
}

/** The household list as a keyboard-driven grid: ↑/↓ (Page, Home, End) move the highlight, Enter or a click opens the file. */
export function HouseholdTable({ rows, total, hasMore, loadingMore, onNeedMore, stale }: HouseholdTableProps) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const idPrefix = useId();
  const gridRef = useRef<HTMLDivElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const [start] = useState(listPlace);
  const [highlighted, setHighlighted] = useState(() => Math.max(0, Math.min(start.highlighted, rows.length - 1)));
  const count = rows.length + (hasMore ? 1 : 0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; nothing here is memoised on it.
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => viewportRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialOffset: start.scrollOffset,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= rows.length - prefetchRows) onNeedMore();
  }, [hasMore, loadingMore, lastShown, rows.length, onNeedMore]);

  // Coming back from a file: the keyboard user is where they left.
  useEffect(() => {
    if (!start.openedFile) return;
    saveListPlace({ openedFile: false });
    gridRef.current?.focus({ preventScroll: true });
  }, [start.openedFile]);

  const open = (index: number) => {
    const row = rows[index];
    if (!row) return;
    saveListPlace({ scrollOffset: virtualizer.scrollOffset ?? 0, highlighted: index, openedFile: true });
    navigate(householdFilePath(row.id));
  };
  const move = (index: number) => {
    const next = Math.max(0, Math.min(index, rows.length - 1));
    setHighlighted(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor((viewportRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowDown: highlighted + 1,
      ArrowUp: highlighted - 1,
      PageDown: highlighted + pageRows,
      PageUp: highlighted - pageRows,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key === 'Enter') {
      event.preventDefault();
      open(highlighted);
    } else if (event.key in moves) {
      event.preventDefault();
      move(moves[event.key] ?? highlighted);
    }
  };
  const rowId = (index: number) => `${idPrefix}-row-${index}`;

  return (
    <div className={classes.scroller}>
      <div
        ref={gridRef}
        role="grid"
        aria-label={t('households.gridLabel')}
        aria-rowcount={total + 1}
        aria-colcount={columns.length}
        aria-busy={stale || undefined}
        aria-activedescendant={rows[highlighted] ? rowId(highlighted) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        className={classes.grid}
        data-stale={stale || undefined}
      >
        <div role="rowgroup" className={classes.head}>
          <div role="row" aria-rowindex={1} className={classes.columns}>
            {columns.map((column) => (
              <div key={column} role="columnheader" className={classes.cell}>
                {t(`households.columns.${column}`)}
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
                        {t('households.loadingMore')}
                      </Text>
                    </Group>
                  </div>
                );
              }
              return (
                <HouseholdRow
                  key={row.id}
                  id={rowId(item.index)}
                  row={row}
                  index={item.index}
                  highlighted={item.index === highlighted}
                  style={style}
                  onOpen={() => {
                    setHighlighted(item.index);
                    open(item.index);
                  }}
                />
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

interface HouseholdRowProps {
  id: string;
  row: HouseholdSummary;
  index: number;
  highlighted: boolean;
  style: CSSProperties;
  onOpen(): void;
}

function HouseholdRow({ id, row, index, highlighted, style, onOpen }: HouseholdRowProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={highlighted}
      data-highlighted={highlighted || undefined}
      className={`${classes.row} ${classes.columns}`}
      style={style}
      onClick={onOpen}
    >
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" ff="monospace" truncate>
          <span dir="ltr">{row.registryRef ?? '—'}</span>
        </Text>
        {row.status !== 'active' && <StatusBadge status={row.status} size="xs" />}
      </div>
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" fw={500} truncate c={row.headNameAr ? undefined : 'dimmed'}>
          {row.headNameAr ?? t('households.noHead')}
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
      <div role="gridcell" className={classes.cell}>
        <Text size="sm" truncate c={row.assignedWorkerName ? undefined : 'orange'}>
          {row.assignedWorkerName ?? t('households.unassigned')}
        </Text>
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
