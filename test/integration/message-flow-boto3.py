"""Drives Mailwright's Message Flow API with boto3's workmailmessageflow client.

Usage: python3 message-flow-boto3.py <endpoint_url> <message_id> <bucket> <key>
Prints one JSON document: the original content, the content after PutRawMessageContent, and the error code
for an unknown message id.
"""
import json
import sys

import boto3
from botocore.config import Config

endpoint, message_id, bucket, key = sys.argv[1:5]
client = boto3.client(
    'workmailmessageflow',
    endpoint_url=endpoint,
    region_name='eu-west-1',
    aws_access_key_id='AKIDLAMBDAROLE',
    aws_secret_access_key='lambda-role-secret',
    config=Config(retries={'max_attempts': 1}),
)
before = client.get_raw_message_content(messageId=message_id)['messageContent'].read().decode()
client.put_raw_message_content(messageId=message_id, content={'s3Reference': {'bucket': bucket, 'key': key}})
after = client.get_raw_message_content(messageId=message_id)['messageContent'].read().decode()
try:
    client.get_raw_message_content(messageId='00000000-0000-0000-0000-000000000000')
    missing = None
except client.exceptions.ResourceNotFoundException as error:
    missing = error.response['Error']['Code']
try:
    client.put_raw_message_content(messageId=message_id, content={'s3Reference': {'bucket': bucket, 'key': 'nope'}})
    invalid = None
except client.exceptions.InvalidContentLocation as error:
    invalid = error.response['Error']['Code']
print(json.dumps({'before': before, 'after': after, 'missing': missing, 'invalid': invalid}))
