import { useQuery } from '@tanstack/react-query';
import { qk } from '../../api/queryKeys';
import { dashboardApi } from './api';

export const useDashboard = () => useQuery({ queryKey: qk.dashboard, queryFn: dashboardApi.dashboard });
