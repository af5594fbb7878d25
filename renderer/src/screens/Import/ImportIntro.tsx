import { Card, List, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconEye, IconHomePlus, IconRefresh, IconShieldCheck, IconTableOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

const points = [
  { key: 'preview', icon: IconEye },
  { key: 'created', icon: IconHomePlus },
  { key: 'updated', icon: IconRefresh },
  { key: 'kept', icon: IconShieldCheck },
  { key: 'rejected', icon: IconTableOff },
  { key: 'duplicates', icon: IconCircleCheck },
] as const;

/** Says in plain words what an import does before anyone picks a file. */
export function ImportIntro() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-intro-title">
      <Title order={3} size="h4" id="import-intro-title" mb="xs">
        {t('import.intro.title')}
      </Title>
      <List spacing="xs" size="sm" center>
        {points.map(({ key, icon: Icon }) => (
          <List.Item
            key={key}
            icon={
              <ThemeIcon size={24} radius="xl" variant="light">
                <Icon size={14} />
              </ThemeIcon>
            }
          >
            {t(`import.intro.${key}`)}
          </List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed" mt="sm">
        {t('import.intro.format')}
      </Text>
    </Card>
  );
}
