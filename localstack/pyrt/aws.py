# The Python side of nl dev's boto3 and nanolambda modules. It is compiled
# by nl's compiler and loaded next to each handler instance; the native
# module _nlaws does the calls and returns [True, value] or
# [False, code, message, http_status].
import _nlaws


class ClientError(Exception):
    def __init__(self, error_response, operation_name):
        err = error_response['Error']
        super().__init__('An error occurred (%s) when calling the %s operation: %s' % (err['Code'], operation_name, err['Message']))
        self.response = error_response
        self.operation_name = operation_name


class NoSuchKey(ClientError):
    pass


class NoSuchBucket(ClientError):
    pass


class ResourceNotFoundException(ClientError):
    pass


_CLASSES = {'NoSuchKey': NoSuchKey, 'NoSuchBucket': NoSuchBucket, 'ResourceNotFoundException': ResourceNotFoundException}


def _call(op, fn, params):
    r = fn(params)
    if r[0]:
        return r[1]
    cls = _CLASSES.get(r[1], ClientError)
    raise cls({'Error': {'Code': r[1], 'Message': r[2]}, 'ResponseMetadata': {'HTTPStatusCode': r[3]}}, op)


class _Exceptions:
    def __init__(self):
        self.ClientError = ClientError
        self.NoSuchKey = NoSuchKey
        self.NoSuchBucket = NoSuchBucket
        self.ResourceNotFoundException = ResourceNotFoundException


class S3:
    def __init__(self):
        self.exceptions = _Exceptions()

    def get_object(self, **kwargs):
        return _call('GetObject', _nlaws.s3_get_object, kwargs)

    def head_object(self, **kwargs):
        return _call('HeadObject', _nlaws.s3_head_object, kwargs)

    def put_object(self, **kwargs):
        return _call('PutObject', _nlaws.s3_put_object, kwargs)

    def delete_object(self, **kwargs):
        return _call('DeleteObject', _nlaws.s3_delete_object, kwargs)

    def list_objects_v2(self, **kwargs):
        return _call('ListObjectsV2', _nlaws.s3_list_objects_v2, kwargs)


class Lambda:
    def __init__(self):
        self.exceptions = _Exceptions()

    def invoke(self, **kwargs):
        return _call('Invoke', _nlaws.lambda_invoke, kwargs)


def client(service_name, **kwargs):
    if service_name == 's3':
        return S3()
    if service_name == 'lambda':
        return Lambda()
    raise ValueError("Unknown service: '%s'. nl dev provides: lambda, s3" % service_name)


def s3_get(bucket, key):
    return _call('GetObject', _nlaws.s3_get_object, {'Bucket': bucket, 'Key': key})['Body'].read()


def s3_put(bucket, key, body):
    return _call('PutObject', _nlaws.s3_put_object, {'Bucket': bucket, 'Key': key, 'Body': body})['ETag']


def invoke(function, event=None):
    return _call('Invoke', _nlaws.nl_invoke, [function, event])
