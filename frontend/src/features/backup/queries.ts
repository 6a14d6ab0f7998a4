// The backup screens' reads, one hook each (keys from api/queryKeys).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { backupKeys } from '../../api/queryKeys';
import { backupApi } from './api';

/** The backup files, read fresh each time the screen opens. */
export const useBackups = () => useQuery({ queryKey: backupKeys.list, queryFn: backupApi.list, staleTime: 0 });
/** What one backup holds, read from the file now. */
export const useBackupPreview = (file: string) =>
  useQuery({ queryKey: backupKeys.preview(file), queryFn: () => backupApi.preview(file), staleTime: 0 });
/** Whether the start recovered a damaged database: asked once per run. */
export const recoveryQuery = queryOptions({ queryKey: backupKeys.recovery, queryFn: backupApi.recoveryStatus, staleTime: Infinity, gcTime: Infinity });
export const useRecoveryStatus = () => useQuery(recoveryQuery);
