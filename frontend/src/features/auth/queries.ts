// The account screens' reads, one hook each (keys from api/queryKeys); the
// session itself is in ./session.
import { useQuery } from '@tanstack/react-query';
import { authKeys } from '../../api/queryKeys';
import { authApi } from './api';

export const useUsers = () => useQuery({ queryKey: authKeys.users, queryFn: authApi.listUsers });
export const useAccountPolicy = () => useQuery({ queryKey: authKeys.policy, queryFn: authApi.policy });
