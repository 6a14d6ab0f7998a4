import { useTranslation } from 'react-i18next';

/** Says a gap (kebutuhan − bezetting) in words: a shortfall, a surplus or staffed as needed. */
export function useGapWords(): (gap: number) => string {
  const { t } = useTranslation();
  return (g: number) =>
    g > 0 ? t('planner.gap.short', { count: g }) : g < 0 ? t('planner.gap.over', { count: -g }) : t('planner.gap.balanced');
}
