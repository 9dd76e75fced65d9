-- Drives the Pressmark language server from Neovim 0.7's built-in LSP client, headless:
--   nvim --headless --clean -u NONE -c 'luafile test/nvim/lsp.lua'
-- Inputs (environment): PRESSMARK_NODE, PRESSMARK_NODE_ARGS (node options, space-separated: the
--   extension's, as the README gives them), PRESSMARK_SERVER (bin/pressmark.js), PRESSMARK_FILE,
--   PRESSMARK_EXPECT (comma-separated diagnostic codes to wait for; empty = wait for the first
--   publish), PRESSMARK_HOVER_TEXT (hover on the second character of the first occurrence of
--   this text, e.g. `[Kazakhstan]` hovers on the K; optional),
--   PRESSMARK_TIMEOUT_MS.
-- Output: one line `PRESSMARK_RESULT <json>` on stdout; the mocha test asserts on it.
-- Exit: 0 when the script ran to the end, 1 (cquit) on any error or timeout.
-- Neovim 0.7 has no vim.lsp.start: vim.lsp.start_client + vim.lsp.buf_attach_client.
-- Everything runs inside pcall: an uncaught error would leave headless Neovim hanging.

local function emit(tbl)
  io.stdout:write('PRESSMARK_RESULT ' .. vim.fn.json_encode(tbl) .. '\n')
  io.stdout:flush()
end

local function hover_text(result)
  if result == nil or result.contents == nil then return nil end
  local c = result.contents
  local parts = {}
  local function add(x)
    if type(x) == 'string' then table.insert(parts, x)
    elseif type(x) == 'table' and x.value ~= nil then table.insert(parts, x.value) end
  end
  if vim.tbl_islist(c) then for _, x in ipairs(c) do add(x) end else add(c) end
  return table.concat(parts, '\n')
end

local result = { publishes = 0 }

local ok, err = pcall(function()
  local node = assert(os.getenv('PRESSMARK_NODE'), 'PRESSMARK_NODE is not set')
  local server = assert(os.getenv('PRESSMARK_SERVER'), 'PRESSMARK_SERVER is not set')
  local cmd = { node }
  for arg in string.gmatch(os.getenv('PRESSMARK_NODE_ARGS') or '', '%S+') do table.insert(cmd, arg) end
  for _, arg in ipairs({ server, 'lsp', '--stdio' }) do table.insert(cmd, arg) end
  local file = assert(os.getenv('PRESSMARK_FILE'), 'PRESSMARK_FILE is not set')
  local expect = vim.split(os.getenv('PRESSMARK_EXPECT') or '', ',', { trimempty = true })
  local hover_after = os.getenv('PRESSMARK_HOVER_TEXT')
  local timeout = tonumber(os.getenv('PRESSMARK_TIMEOUT_MS') or '20000')

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'pressmark'
  local uri = vim.uri_from_bufnr(bufnr)

  -- Record every publishDiagnostics for our document as the server sent it (raw LSP objects),
  -- then hand it on to the default handler.
  local latest = nil
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, res, ctx, cfg)
    if res and res.uri == uri then
      result.publishes = result.publishes + 1
      latest = res.diagnostics
    end
    return default_publish(e, res, ctx, cfg)
  end

  local exited = nil
  local stderr_lines = {}
  local client_id = vim.lsp.start_client({
    name = 'pressmark',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
    handlers = {
      ['window/logMessage'] = function(_, res) table.insert(stderr_lines, res and res.message or '') end,
    },
  })
  if not client_id then error('vim.lsp.start_client returned nil') end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then error('vim.lsp.buf_attach_client failed') end

  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(timeout, function() return exited ~= nil or client.initialized end, 10) then
    error('the server did not answer initialize within ' .. timeout .. ' ms')
  end
  if exited then error('the server exited: ' .. vim.fn.json_encode(exited)) end
  result.has_hover = client.resolved_capabilities and client.resolved_capabilities.hover or false

  local function codes_of(diags)
    local set = {}
    for _, d in ipairs(diags or {}) do if d.code ~= nil then set[tostring(d.code)] = true end end
    return set
  end
  local function all_expected_seen()
    if latest == nil then return false end
    local set = codes_of(latest)
    for _, c in ipairs(expect) do if not set[c] then return false end end
    return true
  end
  local waited = vim.wait(timeout, function() return exited ~= nil or all_expected_seen() end, 10)
  if exited then error('the server exited: ' .. vim.fn.json_encode(exited)) end
  result.diagnostics_complete = waited
  result.diagnostics = {}
  for _, d in ipairs(latest or {}) do
    table.insert(result.diagnostics, {
      code = d.code, source = d.source, severity = d.severity, message = d.message,
      line = d.range.start.line, character = d.range.start.character,
    })
  end
  result.vim_diagnostics = #vim.diagnostic.get(bufnr)

  if hover_after and hover_after ~= '' then
    local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
    local pos = nil
    for i, line in ipairs(lines) do
      local s = string.find(line, hover_after, 1, true)
      if s then pos = { line = i - 1, character = s } break end
    end
    if not pos then error('hover text not found in the buffer: ' .. hover_after) end
    result.hover_position = pos
    local params = { textDocument = { uri = uri }, position = pos }
    local responses, rerr = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
    if not responses then error('hover request failed: ' .. tostring(rerr)) end
    local r = responses[client_id]
    if r == nil then error('no hover response from the client within ' .. timeout .. ' ms') end
    if r.err then error('hover error: ' .. vim.fn.json_encode(r.err)) end
    result.hover = hover_text(r.result)
  end
  result.log = stderr_lines
  vim.lsp.stop_client(client_id)
end)

if ok then
  emit(result)
  vim.cmd('qall!')
else
  result.error = tostring(err)
  emit(result)
  vim.cmd('cquit 1')
end
