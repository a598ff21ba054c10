/**
 * The preload: exposes exactly five calls to the page, each on its own fixed channel. No generic send/invoke, no
 * Node, nothing else (ARCHITECTURE.md rule 8).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { GridAppraisalBridge, PrintToPdfRequest, SaveFileRequest } from './api';

const bridge: GridAppraisalBridge = {
  isElectron: true,
  call: (name: string, input?: unknown) => ipcRenderer.invoke('rpc', String(name), input),
  saveFile: (file: SaveFileRequest) => ipcRenderer.invoke('save-file', file),
  printToPdf: (request: PrintToPdfRequest) => ipcRenderer.invoke('print-to-pdf', { fileName: String(request.fileName) }),
  openDataFolder: () => ipcRenderer.invoke('open-data-folder'),
  openGuide: () => ipcRenderer.invoke('open-guide'),
};

contextBridge.exposeInMainWorld('gridAppraisal', bridge);
