import { Badge } from '@mantine/core';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { groupQueue } from '../../plans/plan-rules.ts';
import { QueueRow } from './QueueRow.tsx';
import classes from './Queue.module.css';

interface QueueListProps {
  items: QueueItem[];
  programmeName(id: string | null): string | null;
  onOpen(item: QueueItem): void;
  onComplete(item: QueueItem): void;
  onPlan(item: QueueItem): void;
}

/** Letters that act on the highlighted item, by key and by physical key (an Arabic layout types other letters). */
const commands: Record<string, 'next' | 'previous' | 'done' | 'plan'> = {
  j: 'next',
  KeyJ: 'next',
  k: 'previous',
  KeyK: 'previous',
  d: 'done',
  KeyD: 'done',
  p: 'plan',
  KeyP: 'plan',
};

/** The queue as one keyboard-driven list in groups: ↑/↓ or j/k move, Enter opens the file, d completes, p starts a plan. */
export function QueueList({ items, programmeName, onOpen, onComplete, onPlan }: QueueListProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const idPrefix = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [highlighted, setHighlighted] = useState(0);
  const groups = groupQueue(items);
  const flat = groups.flatMap((group) => group.items);
  // An item that left the queue (done, planned) leaves the highlight on the one that took its place.
  const active = Math.max(0, Math.min(highlighted, flat.length - 1));
  const current = flat[active];
  const rowId = (key: string) => `${idPrefix}-${key}`;

  // Keyboard first: the list has the focus as soon as there is something in it.
  const hasItems = flat.length > 0;
  useEffect(() => {
    if (hasItems) listRef.current?.focus({ preventScroll: true });
  }, [hasItems]);
  const currentKey = current?.key;
  useEffect(() => {
    if (currentKey) document.getElementById(`${idPrefix}-${currentKey}`)?.scrollIntoView({ block: 'nearest' });
  }, [idPrefix, currentKey]);

  const move = (index: number) => setHighlighted(Math.max(0, Math.min(index, flat.length - 1)));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || !current) return;
    const command = event.key === 'ArrowDown' ? 'next' : event.key === 'ArrowUp' ? 'previous' : (commands[event.key.toLowerCase()] ?? commands[event.code]);
    if (event.key === 'Enter') onOpen(current);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(flat.length - 1);
    else if (command === 'next') move(active + 1);
    else if (command === 'previous') move(active - 1);
    else if (command === 'done') onComplete(current);
    else if (command === 'plan') onPlan(current);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={listRef}
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.listLabel')}
      aria-activedescendant={current ? rowId(current.key) : undefined}
      aria-keyshortcuts="ArrowUp ArrowDown J K Enter D P"
      className={classes.list}
      onKeyDown={onKeyDown}
    >
      {groups.map((group) => {
        const titleId = `${idPrefix}-group-${group.kind}`;
        return (
          <div key={group.kind} role="group" aria-labelledby={titleId}>
            <div className={classes.groupTitle}>
              <span id={titleId}>{t(`queue.groups.${group.kind}`)}</span>
              <Badge size="sm" variant="light" color={group.kind === 'overdue' ? 'red' : 'gray'} circle={group.items.length < 10} aria-hidden>
                {format(group.items.length)}
              </Badge>
            </div>
            <div className={classes.rows}>
              {group.items.map((item) => (
                <QueueRow
                  key={item.key}
                  id={rowId(item.key)}
                  item={item}
                  programme={programmeName(item.programmeId)}
                  highlighted={item.key === current?.key}
                  onOpen={() => onOpen(item)}
                  onComplete={() => {
                    move(flat.indexOf(item));
                    onComplete(item);
                  }}
                  onPlan={() => {
                    move(flat.indexOf(item));
                    onPlan(item);
                  }}
                />
              ))}
            </div>
          </div>
        );
      })}
    </div>
  );
}
