// The group feature's components, for the panel to mount.
export { BackupControls, type BackupControlsProps } from './BackupControls';
export { DistributionChart, type DistributionChartProps } from './DistributionChart';
export { ExportDialog, type ExportDialogProps } from './ExportDialog';
export { GroupHeader, type GroupHeaderProps } from './GroupHeader';
export { GroupNotes, type GroupNotesProps } from './GroupNotes';
export { GroupQuestionCard, type GroupQuestionCardProps } from './GroupQuestionCard';
export { GroupView, type GroupViewProps } from './GroupView';
export { ImportPanel, type ImportPanelProps } from './ImportPanel';
export { OpinionGroups, type OpinionGroupsProps } from './OpinionGroups';
export { OpinionMapChart, type OpinionMapChartProps } from './OpinionMapChart';
export { QuestionPackPanel, type QuestionPackPanelProps } from './QuestionPackPanel';
