import { Alert, Badge, Box, Button, Card, Divider, Group, Loader, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { eligibilityConditions, type EligibilityCondition, type EligibilityRule, type Programme } from '../../../../shared/contract/index.ts';
import { useEligibilityRules, useSetEligibility } from '../../branch/branch.queries.ts';
import { parseScore } from '../../branch/score-input.ts';
import { useProgrammes } from '../../households/households.queries.ts';
import { programmeName } from '../../households/labels.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useSessionUser } from '../../session/use-session.ts';

const isCondition = (value: string | null): value is EligibilityCondition => eligibilityConditions.some((condition) => condition === value);

/** Per programme, who qualifies: a registry score threshold, a condition and whether the rule is on (administrators only). */
export function EligibilityCard() {
  const me = useSessionUser();
  return me?.role === 'admin' ? <EligibilityRules /> : null;
}

function EligibilityRules() {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const rules = useEligibilityRules();
  const error = programmes.error ?? rules.error;
  const ruleOf = (programme: Programme): EligibilityRule =>
    rules.data?.find((rule) => rule.programmeId === programme.id) ?? {
      programmeId: programme.id,
      scoreMax: programme.scoreThreshold,
      condition: 'none',
      active: false,
    };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="eligibility-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="eligibility-title">
            {t('eligibility.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('eligibility.intro')}
          </Text>
        </div>
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
          {t('eligibility.missedBenefits')}
        </Alert>
        {(programmes.isPending || rules.isPending) && !error && <Loader size="sm" aria-label={t('common.loading')} />}
        {error && <Alert color="red">{errorMessage(t, error)}</Alert>}
        {programmes.data && rules.data && programmes.data.length === 0 && <Text c="dimmed">{t('eligibility.noProgrammes')}</Text>}
        {programmes.data &&
          rules.data &&
          programmes.data.map((programme, index) => {
            const rule = ruleOf(programme);
            return (
              <Fragment key={programme.id}>
                {index > 0 && <Divider />}
                {/* Keyed by the saved rule: a save starts a clean form, without syncing effects. */}
                <RuleForm key={JSON.stringify(rule)} programme={programme} name={programmeName(programme, i18n.language)} rule={rule} />
              </Fragment>
            );
          })}
      </Stack>
    </Card>
  );
}

function RuleForm({ programme, name, rule }: { programme: Programme; name: string; rule: EligibilityRule }) {
  const { t } = useTranslation();
  const save = useSetEligibility();
  const form = useForm({
    initialValues: { scoreMax: rule.scoreMax === null ? '' : String(rule.scoreMax), condition: rule.condition, active: rule.active },
    validate: { scoreMax: (value) => (parseScore(value) === undefined ? t('eligibility.scoreInvalid') : null) },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      { programmeId: programme.id, scoreMax: parseScore(values.scoreMax) ?? null, condition: values.condition, active: values.active },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('eligibility.saved', { programme: name }) }),
        onError: (error) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) }),
      },
    ),
  );

  return (
    <Box component="form" onSubmit={submit} aria-label={name} noValidate>
      <Group gap="xs" mb="xs">
        <Text fw={600}>{name}</Text>
        <Badge variant="outline" color="gray" tt="none" size="sm">
          <span dir="ltr">{programme.code}</span>
        </Badge>
        {!programme.active && (
          <Badge variant="light" color="gray" tt="none" size="sm">
            {t('eligibility.programmeInactive')}
          </Badge>
        )}
      </Group>
      <Group align="flex-start" gap="md">
        <TextInput
          label={t('eligibility.score')}
          description={t('eligibility.scoreHint')}
          placeholder={t('eligibility.anyScore')}
          inputMode="decimal"
          dir="ltr"
          w={200}
          {...form.getInputProps('scoreMax')}
        />
        <Select
          label={t('eligibility.conditionLabel')}
          description={t(`eligibility.conditionHint.${form.values.condition}`)}
          data={eligibilityConditions.map((condition) => ({ value: condition, label: t(`eligibility.condition.${condition}`) }))}
          value={form.values.condition}
          onChange={(value) => isCondition(value) && form.setFieldValue('condition', value)}
          error={form.errors.condition}
          allowDeselect={false}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {isCondition(option.value) ? t(`eligibility.conditionHint.${option.value}`) : null}
              </Text>
            </div>
          )}
          w={300}
        />
      </Group>
      <Group justify="space-between" align="flex-end" mt="sm">
        <Switch label={t('eligibility.active')} description={t('eligibility.activeHint')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <Button type="submit" size="sm" loading={save.isPending} disabled={!form.isDirty()}>
          {t('eligibility.save')}
        </Button>
      </Group>
    </Box>
  );
}
